package dev.mailtoken.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's choices for one {@code authorize} run.
 *
 * @param account the mailbox expected ({@code login_hint}); also the account name when the provider
 *     says nothing about the user
 * @param forceConsent ask the provider to show the consent screen again (Google {@code prompt=consent}),
 *     which is what makes Google return a refresh token for an app the user already authorized
 * @param timeout how long to wait for the browser to come back
 * @param openBrowser whether to try the desktop browser (the URL is printed either way)
 * @param port the loopback port, 0 for an ephemeral one
 * @param manual read the redirect pasted on standard input (the listener still runs)
 */
record ConsentRequest(Optional<String> account, boolean forceConsent, Duration timeout, boolean openBrowser,
    int port, boolean manual) {

  ConsentRequest {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
  }
}
