package dev.mailtoken.mail;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.FixedTokenGrant;
import dev.mailtoken.token.RefreshTokenGrant;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-message credentials, as Nodemailer's {@code auth: {user, refreshToken, accessToken, expires}}
 * given with one message: the account to send as, how it gets tokens, and optionally the access
 * token the caller already holds. Pass them to {@link Mailer#send(jakarta.mail.internet.MimeMessage,
 * Credentials)}:
 *
 * <pre>{@code
 * mailer.send(message, Credentials.refreshToken("alice@gmail.com", gmailApp, refreshTokenFromDb));
 * mailer.send(message, Credentials.refreshToken(user, app, rt).withAccessToken(
 *     AccessToken.of(accessTokenFromDb, expiresFromDb)));   // no refresh while it is valid
 * }</pre>
 *
 * <p>The first message registers the account with the mailer's token manager
 * ({@link dev.mailtoken.token.TokenManager#registerIfAbsent}); from then on the manager caches,
 * refreshes and rotates its tokens like any other account's, and later credentials for the same
 * address change nothing: the registered grant may hold a refresh token the provider rotated since,
 * which an older one must not replace. To replace a grant, call
 * {@link dev.mailtoken.token.TokenManager#register(Account)}. A rotated refresh token reaches the
 * manager's {@link dev.mailtoken.token.RefreshTokenStore} and its {@code Rotated} event, where the
 * caller saves it (Nodemailer's {@code token} event).
 *
 * <p>Immutable; prints tokens as fingerprints only.
 *
 * @param account the mailbox to send as and its grant
 * @param accessToken a token the caller holds for it, served until its refresh is due; empty for none
 */
public record Credentials(Account account, Optional<AccessToken> accessToken) {

  /** @throws IllegalArgumentException when a fixed-token account also names an access token */
  public Credentials {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(accessToken, "accessToken");
    if (accessToken.isPresent() && account.grant() instanceof FixedTokenGrant) {
      throw new IllegalArgumentException("account " + account.address() + " has a fixed token already:"
          + " use Credentials.accessToken(user, token) alone");
    }
  }

  /** A 3-legged account: {@code user}'s refresh token for {@code app}. */
  public static Credentials refreshToken(String user, App app, Secret refreshToken) {
    return new Credentials(new Account(user, new RefreshTokenGrant(app, refreshToken)), Optional.empty());
  }

  /** {@link #refreshToken(String, App, Secret)} with the refresh token as a string (wrapped in a {@link Secret}). */
  public static Credentials refreshToken(String user, App app, String refreshToken) {
    return new Credentials(new Account(user, new RefreshTokenGrant(app, refreshToken)), Optional.empty());
  }

  /** Only an access token: used until it expires or is rejected, never renewed. */
  public static Credentials accessToken(String user, AccessToken token) {
    return new Credentials(new Account(user, new FixedTokenGrant(token)), Optional.empty());
  }

  /** Any account (a service-account or callback grant, ...). */
  public static Credentials of(Account account) {
    return new Credentials(account, Optional.empty());
  }

  /** These credentials with the access token the caller already holds (Nodemailer's accessToken and expires). */
  public Credentials withAccessToken(AccessToken current) {
    return new Credentials(account, Optional.of(Objects.requireNonNull(current, "current")));
  }

  /** The mailbox address. */
  public String user() {
    return account.address();
  }
}
