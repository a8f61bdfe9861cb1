package dev.mailtoken.oauth;

import dev.mailtoken.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A device authorization in progress (RFC 8628): what to show the user ({@link #userCode()} to
 * enter at {@link #verificationUri()}, or Microsoft's ready-made {@link #message()}), and what the
 * poll needs (the device code, the interval, the expiry). Made by
 * {@link OAuthClient#startDeviceAuthorization}; redeemed by {@link DeviceCodePoller#await}.
 *
 * <pre>{@code
 * DeviceAuthorization device = oauthClient.startDeviceAuthorization(app, List.of());
 * System.err.println("Open " + device.verificationUri() + " and enter " + device.userCode());
 * TokenResponse tokens = DeviceCodePoller.of(oauthClient).await(device);
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code toString} shows the device code's fingerprint only (the user
 * code is meant to be shown).
 */
public final class DeviceAuthorization {
  private final App app;
  private final Secret deviceCode;
  private final String userCode;
  private final URI verificationUri;
  private final Optional<URI> verificationUriComplete;
  private final Optional<String> message;
  private final Instant expiresAt;
  private final Duration interval;
  private final List<String> scopes;
  private final Set<String> requiredScopes;

  DeviceAuthorization(App app, Secret deviceCode, String userCode, URI verificationUri,
      Optional<URI> verificationUriComplete, Optional<String> message, Instant expiresAt, Duration interval,
      List<String> scopes, Set<String> requiredScopes) {
    this.app = Objects.requireNonNull(app, "app");
    this.deviceCode = Objects.requireNonNull(deviceCode, "deviceCode");
    this.userCode = Objects.requireNonNull(userCode, "userCode");
    this.verificationUri = Objects.requireNonNull(verificationUri, "verificationUri");
    this.verificationUriComplete = Objects.requireNonNull(verificationUriComplete, "verificationUriComplete");
    this.message = Objects.requireNonNull(message, "message");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.scopes = List.copyOf(scopes);
    this.requiredScopes = Set.copyOf(requiredScopes);
  }

  public App app() {
    return app;
  }

  /** The code the user types at {@link #verificationUri()}. Not a secret: it is meant to be shown. */
  public String userCode() {
    return userCode;
  }

  /** Where the user enters the code (Google calls it {@code verification_url}). */
  public URI verificationUri() {
    return verificationUri;
  }

  /** The page with the code already filled in, when the provider offers one (for a QR code or a link). */
  public Optional<URI> verificationUriComplete() {
    return verificationUriComplete;
  }

  /** The provider's own sentence telling the user what to do (Microsoft sends one). */
  public Optional<String> message() {
    return message;
  }

  /** When the codes stop working, by the client's clock. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** How long to wait between polls, as the provider asked (5 s when it did not say). */
  public Duration interval() {
    return interval;
  }

  /** The scopes asked for (with the provider's offline-access scope). */
  public List<String> scopes() {
    return scopes;
  }

  /** The scopes the token must carry (the mail scopes among those asked for). */
  public Set<String> requiredScopes() {
    return requiredScopes;
  }

  Secret deviceCode() {
    return deviceCode;
  }

  @Override
  public String toString() {
    return "DeviceAuthorization[" + app.provider().name() + ", client=" + app.clientId() + ", user_code=" + userCode
        + ", device_code=" + deviceCode + ", expiresAt=" + expiresAt + ", interval=" + interval + "]";
  }
}
