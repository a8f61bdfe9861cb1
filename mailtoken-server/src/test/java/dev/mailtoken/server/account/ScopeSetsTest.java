package dev.mailtoken.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.token.AccessToken;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens of many accounts with equal scope sets end up holding one set; values and expiries are kept. */
class ScopeSetsTest {
  private final ScopeSets sets = new ScopeSets();

  private static AccessToken token(String value, String... scopes) {
    Set<String> own = Set.of(java.util.Arrays.stream(scopes).map(String::new).toArray(String[]::new));
    return new AccessToken(Secret.of(value), Optional.of(Instant.parse("2030-01-01T00:00:00Z")), own);
  }

  @Test
  void givenTwoTokensWithEqualScopeSets_whenShared_thenTheSecondHoldsTheFirstsSet() {
    AccessToken first = sets.share(token("a", "https://mail.google.com/"));
    AccessToken second = sets.share(token("b", "https://mail.google.com/"));

    assertThat(second.scopes()).isSameAs(first.scopes());
    assertThat(second.value()).isEqualTo(Secret.of("b"));
    assertThat(second.expiresAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void givenDifferentScopeSets_whenShared_thenEachKeepsItsOwn() {
    AccessToken mail = sets.share(token("a", "https://mail.google.com/"));
    AccessToken graph = sets.share(token("b", "Mail.Send", "offline_access"));

    assertThat(graph.scopes()).containsExactlyInAnyOrder("Mail.Send", "offline_access");
    assertThat(mail.scopes()).containsExactly("https://mail.google.com/");
  }

  @Test
  void givenMoreDistinctSetsThanTheLimit_whenShared_thenTheRestKeepTheirOwnSets() {
    for (int i = 0; i < ScopeSets.MAX; i++) {
      sets.share(token("t" + i, "scope-" + i));
    }
    AccessToken beyond = token("x", "scope-beyond");
    AccessToken again = token("y", "scope-beyond");

    assertThat(sets.share(beyond)).isSameAs(beyond);
    assertThat(sets.share(again).scopes()).isSameAs(again.scopes());
  }

  @Test
  void givenATokenWithoutScopes_whenShared_thenItIsReturnedAsItIs() {
    AccessToken none = new AccessToken(Secret.of("z"), Optional.empty(), Set.of());

    assertThat(sets.share(none)).isSameAs(none);
  }
}
