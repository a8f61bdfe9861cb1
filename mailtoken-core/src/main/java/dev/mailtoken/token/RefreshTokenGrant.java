package dev.mailtoken.token;

import dev.mailtoken.oauth.App;
import dev.mailtoken.Secret;
import java.util.Objects;

/**
 * A 3-legged grant: the app and the refresh token a person's consent produced. When the
 * provider rotates the refresh token, the manager persists the new one and continues with
 * {@link #withRefreshToken(Secret)}.
 *
 * @param app the OAuth2 client the refresh token was issued to
 * @param refreshToken the refresh token; prints as a fingerprint only
 */
public record RefreshTokenGrant(App app, Secret refreshToken) implements Grant {

  public RefreshTokenGrant {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  /**
   * A grant with the refresh token as a string, e.g. one pasted from an OAuth playground:
   * {@code new RefreshTokenGrant(app, "1//0g...")}. It is wrapped in a {@link Secret} at once.
   *
   * @throws IllegalArgumentException when {@code refreshToken} is empty
   */
  public RefreshTokenGrant(App app, String refreshToken) {
    this(app, Secret.of(Objects.requireNonNull(refreshToken, "refreshToken")));
  }

  /** The same grant with a rotated refresh token. */
  public RefreshTokenGrant withRefreshToken(Secret newRefreshToken) {
    return new RefreshTokenGrant(app, newRefreshToken);
  }
}
