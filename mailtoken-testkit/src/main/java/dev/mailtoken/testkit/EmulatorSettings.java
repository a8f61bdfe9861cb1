package dev.mailtoken.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs a {@link ProviderEmulator} was built with, defaults resolved. Immutable.
 *
 * @param accessTokenTtl null = the mode's default (Google 3599 s; Microsoft random 3600-5400 s; generic 3600 s)
 * @param refreshTokenIdleTtl null = refresh tokens never expire from disuse
 * @param jwtAudience null = the token endpoint URI (Microsoft, generic)
 * @param idTokenEmailClaim false = ID tokens and userinfo carry no {@code email} (nor {@code email_verified})
 * @param deviceInterval the polling {@code interval} the device endpoint announces
 */
record EmulatorSettings(EmulatorMode mode, RotationPolicy rotation, Clock clock, Duration accessTokenTtl,
    int refreshTokenCap, boolean testingStatus, Duration refreshTokenIdleTtl, String defaultUser, String jwtAudience,
    Duration jwtSkew, boolean expiresInAsString, String tenant, Duration codeTtl,
    boolean idTokenEmailClaim, Duration deviceInterval) {
  EmulatorSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(rotation, "rotation");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(defaultUser, "defaultUser");
    Objects.requireNonNull(jwtSkew, "jwtSkew");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(codeTtl, "codeTtl");
    Objects.requireNonNull(deviceInterval, "deviceInterval");
  }
}
