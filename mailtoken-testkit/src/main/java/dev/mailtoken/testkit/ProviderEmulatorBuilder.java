package dev.mailtoken.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link ProviderEmulator}. Each option may be set once (a second call fails);
 * {@link #mode} is required. Not thread-safe.
 */
public final class ProviderEmulatorBuilder {
  private EmulatorMode mode;
  private RotationPolicy rotation;
  private Clock clock;
  private Duration accessTokenTtl;
  private Integer refreshTokenCap;
  private Boolean testingStatus;
  private Duration refreshTokenIdleTtl;
  private boolean idleTtlSet;
  private String defaultUser;
  private String jwtAudience;
  private Duration jwtSkew;
  private Boolean expiresInAsString;
  private String tenant;
  private Duration codeTtl;
  private Boolean idTokenEmailClaim;
  private Duration deviceInterval;

  ProviderEmulatorBuilder() {}

  private static void once(Object current, String option) {
    if (current != null) {
      throw new IllegalStateException(option + " was already set to " + current);
    }
  }

  private static Duration positive(Duration value, String option) {
    Objects.requireNonNull(value, option);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(option + " must be positive, got " + value);
    }
    return value;
  }

  /** GOOGLE, MICROSOFT or GENERIC (required). */
  public ProviderEmulatorBuilder mode(EmulatorMode mode) {
    once(this.mode, "mode");
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Refresh-token rotation; default GOOGLE: NONE, MICROSOFT: ROTATE, GENERIC: NONE. */
  public ProviderEmulatorBuilder rotation(RotationPolicy rotation) {
    once(this.rotation, "rotation");
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    return this;
  }

  /** The clock for every expiry decision; default {@link Clock#systemUTC()}. Pass a {@link TestClock} in tests. */
  public ProviderEmulatorBuilder clock(Clock clock) {
    once(this.clock, "clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Access-token lifetime; default GOOGLE 3599 s, MICROSOFT random 3600-5400 s, GENERIC 3600 s. */
  public ProviderEmulatorBuilder accessTokenTtl(Duration ttl) {
    once(this.accessTokenTtl, "accessTokenTtl");
    this.accessTokenTtl = positive(ttl, "accessTokenTtl");
    return this;
  }

  /** Live refresh-token grants per user+client before the oldest is silently dropped; default GOOGLE 100, else unlimited. */
  public ProviderEmulatorBuilder refreshTokenCap(int cap) {
    once(this.refreshTokenCap, "refreshTokenCap");
    if (cap < 1) {
      throw new IllegalArgumentException("refreshTokenCap must be at least 1, got " + cap);
    }
    this.refreshTokenCap = cap;
    return this;
  }

  /**
   * Google "Testing" publishing status: refresh tokens die 7 days after consent unless the only
   * scopes are openid/email/profile. Default false.
   */
  public ProviderEmulatorBuilder testingStatus(boolean testing) {
    once(this.testingStatus, "testingStatus");
    this.testingStatus = testing;
    return this;
  }

  /** A refresh token unused this long dies; default GOOGLE 180 days, MICROSOFT 90 days, GENERIC never. */
  public ProviderEmulatorBuilder refreshTokenIdleTtl(Duration ttl) {
    once(idleTtlSet ? refreshTokenIdleTtl : null, "refreshTokenIdleTtl");
    this.refreshTokenIdleTtl = positive(ttl, "refreshTokenIdleTtl");
    this.idleTtlSet = true;
    return this;
  }

  /** The consenting user when an authorization request has no {@code login_hint}; default {@code user@example.com}. */
  public ProviderEmulatorBuilder defaultUser(String user) {
    once(this.defaultUser, "defaultUser");
    this.defaultUser = Objects.requireNonNull(user, "defaultUser");
    return this;
  }

  /** The {@code aud} a JWT assertion must carry; default GOOGLE {@code https://oauth2.googleapis.com/token}, else the token endpoint. */
  public ProviderEmulatorBuilder jwtAudience(String audience) {
    once(this.jwtAudience, "jwtAudience");
    this.jwtAudience = Objects.requireNonNull(audience, "jwtAudience");
    return this;
  }

  /** How far a JWT's {@code iat} may be from the emulator clock; default 300 s. */
  public ProviderEmulatorBuilder jwtSkew(Duration skew) {
    once(this.jwtSkew, "jwtSkew");
    Objects.requireNonNull(skew, "jwtSkew");
    if (skew.isNegative()) {
      throw new IllegalArgumentException("jwtSkew must not be negative, got " + skew);
    }
    this.jwtSkew = skew;
    return this;
  }

  /** Send {@code expires_in} as a JSON string ({@code "3599"}) instead of a number (T-G-05). Default false. */
  public ProviderEmulatorBuilder expiresInAsString(boolean asString) {
    once(this.expiresInAsString, "expiresInAsString");
    this.expiresInAsString = asString;
    return this;
  }

  /** MICROSOFT: the tenant used by the no-argument endpoint accessors; default {@code common}. */
  public ProviderEmulatorBuilder tenant(String tenant) {
    once(this.tenant, "tenant");
    Objects.requireNonNull(tenant, "tenant");
    if (tenant.isEmpty() || tenant.contains("/")) {
      throw new IllegalArgumentException("tenant must be a non-empty path segment, got '" + tenant + "'");
    }
    this.tenant = tenant;
    return this;
  }

  /** Authorization-code lifetime; default 10 minutes. */
  public ProviderEmulatorBuilder codeTtl(Duration ttl) {
    once(this.codeTtl, "codeTtl");
    this.codeTtl = positive(ttl, "codeTtl");
    return this;
  }

  /**
   * false: ID tokens and userinfo answers carry no {@code email} claim, like a Microsoft work
   * account without a mail attribute (its UPN is still in {@code preferred_username}, MICROSOFT
   * mode, when {@code profile} was granted). Default true.
   */
  public ProviderEmulatorBuilder idTokenEmailClaim(boolean included) {
    once(this.idTokenEmailClaim, "idTokenEmailClaim");
    this.idTokenEmailClaim = included;
    return this;
  }

  /**
   * The {@code interval} the device authorization endpoint announces, whole seconds of at least 1;
   * default 5 s (RFC 8628's default, and Google's and Microsoft's). Polls sooner than it get
   * {@code slow_down} (not MICROSOFT).
   */
  public ProviderEmulatorBuilder deviceInterval(Duration interval) {
    once(this.deviceInterval, "deviceInterval");
    positive(interval, "deviceInterval");
    if (interval.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("deviceInterval is sent in whole seconds, got " + interval);
    }
    this.deviceInterval = interval;
    return this;
  }

  /** @throws IllegalStateException if mode is missing or an option does not fit the mode */
  public ProviderEmulator build() {
    if (mode == null) {
      throw new IllegalStateException("mode is required: call mode(EmulatorMode.GOOGLE | MICROSOFT | GENERIC)");
    }
    if (tenant != null && mode != EmulatorMode.MICROSOFT) {
      throw new IllegalStateException("tenant applies only to MICROSOFT mode, not " + mode);
    }
    if (Boolean.TRUE.equals(testingStatus) && mode != EmulatorMode.GOOGLE) {
      throw new IllegalStateException("testingStatus is a Google publishing status; it needs mode GOOGLE, not " + mode);
    }
    RotationPolicy resolvedRotation = rotation != null ? rotation
        : mode == EmulatorMode.MICROSOFT ? RotationPolicy.ROTATE : RotationPolicy.NONE;
    int cap = refreshTokenCap != null ? refreshTokenCap : mode == EmulatorMode.GOOGLE ? 100 : Integer.MAX_VALUE;
    Duration idle = idleTtlSet ? refreshTokenIdleTtl
        : mode == EmulatorMode.GOOGLE ? Duration.ofDays(180)
        : mode == EmulatorMode.MICROSOFT ? Duration.ofDays(90) : null;
    return new ProviderEmulator(new EmulatorSettings(mode, resolvedRotation,
        clock != null ? clock : Clock.systemUTC(), accessTokenTtl, cap, Boolean.TRUE.equals(testingStatus), idle,
        defaultUser != null ? defaultUser : "user@example.com", jwtAudience,
        jwtSkew != null ? jwtSkew : Duration.ofSeconds(300), Boolean.TRUE.equals(expiresInAsString),
        tenant != null ? tenant : "common", codeTtl != null ? codeTtl : Duration.ofMinutes(10),
        !Boolean.FALSE.equals(idTokenEmailClaim), deviceInterval != null ? deviceInterval : Duration.ofSeconds(5)));
  }
}
