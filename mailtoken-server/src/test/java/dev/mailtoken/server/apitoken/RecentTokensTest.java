package dev.mailtoken.server.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.web.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The API tokens read in the last second: kept for the TTL on the injected ticker, dropped on revocation. */
class RecentTokensTest {
  private final AtomicLong ticker = new AtomicLong(5_000_000_000L);
  private final RecentTokens recent = new RecentTokens(ticker::get);

  private static ApiToken token(String id) {
    return new ApiToken(id, "ci", List.of(Scope.TOKEN), List.of(), Instant.parse("2026-01-01T00:00:00Z"), "admin",
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void givenATokenJustRead_whenAskedWithinTheTtl_thenItIsAnswered() {
    recent.put("hash-a", token("a"));
    ticker.addAndGet(RecentTokens.TTL.toNanos() - 1);

    assertThat(recent.get("hash-a")).map(ApiToken::id).contains("a");
  }

  @Test
  void givenATokenRead_whenTheTtlHasPassed_thenItMustBeReadAgain() {
    recent.put("hash-a", token("a"));
    ticker.addAndGet(RecentTokens.TTL.toNanos());

    assertThat(recent.get("hash-a")).isEmpty();
  }

  @Test
  void givenATokenRevokedThroughThisNode_whenAsked_thenItIsGoneAtOnce() {
    recent.put("hash-a", token("a"));
    recent.put("hash-b", token("b"));

    recent.forget("a");

    assertThat(recent.get("hash-a")).isEmpty();
    assertThat(recent.get("hash-b")).isPresent();
  }

  @Test
  void givenATouchedToken_whenReplaced_thenItKeepsItsReadTime() {
    recent.put("hash-a", token("a"));
    ticker.addAndGet(RecentTokens.TTL.toNanos() / 2);
    ApiToken used = new ApiToken("a", "ci", List.of(Scope.TOKEN), List.of(), Instant.parse("2026-01-01T00:00:00Z"),
        "admin", Optional.empty(), Optional.of(Instant.parse("2026-01-02T00:00:00Z")), Optional.empty());

    recent.touched("hash-a", used);

    assertThat(recent.get("hash-a")).flatMap(ApiToken::lastUsedAt).contains(Instant.parse("2026-01-02T00:00:00Z"));
    ticker.addAndGet(RecentTokens.TTL.toNanos() / 2);
    assertThat(recent.get("hash-a")).isEmpty();
  }
}
