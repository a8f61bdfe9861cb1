package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretMaskingTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final Harness h = new Harness();

  @Test
  void givenRefreshRotationAndFailure_thenNoTokenAppearsInLogsEventsOrExceptions() throws Exception {
    logs.forbid(Harness.REFRESH_TOKEN.reveal(), "ya29.access-1", "1//rotated-secret-1", "ya29.access-3");
    h.endpoint.responder = (n, rt) -> {
      if (n == 2) {
        throw new TransientException("server_error", null, null, null, null);
      }
      return h.endpoint.response("ya29.access-" + n, Duration.ofHours(1), "1//rotated-secret-" + n);
    };
    TokenManager manager = h.builder().refreshTokenStore((account, rt) -> {
      if (rt.reveal().endsWith("-3")) {
        throw new IOException("cannot write");
      }
    }).build();
    manager.register(Harness.refreshAccount());
    AccessToken first = manager.token(Harness.ACCOUNT);
    assertThatThrownBy(() -> manager.renew(Harness.ACCOUNT, first)).isInstanceOf(TransientException.class);
    Throwable persistence = org.assertj.core.api.Assertions.catchThrowable(() -> manager.token(Harness.ACCOUNT));

    String everything = h.events.all() + " " + persistence + " " + persistence.getMessage() + " " + first
        + " " + manager.status(Harness.ACCOUNT) + " " + Harness.refreshAccount() + " " + manager.source(Harness.ACCOUNT);

    assertThat(persistence).isInstanceOf(RefreshTokenPersistenceException.class);
    assertThat(everything).doesNotContain(Harness.REFRESH_TOKEN.reveal(), "ya29.access-1", "1//rotated-secret",
        "ya29.access-3");
    assertThat(everything).contains(Secret.of("ya29.access-1").fingerprint());
  }

  @Test
  void givenCallbackGrant_whenPrinted_thenTheCallbackIsNamedNotDumped() {
    CallbackGrant grant = new CallbackGrant((account, renew) -> AccessToken.withoutExpiry("ya29.cb-secret"));

    assertThat(grant.toString()).startsWith("CallbackGrant[").doesNotContain("ya29");
  }
}
