package dev.mailtoken.examples;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.SmtpEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulators an example runs against, on loopback: a provider (Google-like or Microsoft-like)
 * with the example's client registered, its SMTP server with STARTTLS, the SMTP certificate in a PEM
 * file, and the arguments and environment that point an example at them. Every secret the
 * emulators issue is forbidden in the test's log. Close it after the test.
 */
final class ExampleRig implements AutoCloseable {
  static final String CLIENT_ID = "example-app";
  static final String CLIENT_SECRET = "example-client-secret-7f3a";
  static final String PUBLIC_CLIENT_ID = "example-public-app";

  final ProviderEmulator provider;
  final SmtpEmulator smtp;
  final Map<String, String> env = new HashMap<>();
  private final Path caFile;

  private ExampleRig(EmulatorMode mode, Path dir, LogCapture logs, Clock clock) {
    ProviderEmulator p = ProviderEmulator.builder().mode(mode).clock(clock).build().start();
    this.provider = p;
    this.smtp = SmtpEmulator.builder(p).start();
    provider.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    logs.forbid(CLIENT_SECRET).forbidAll(provider::issuedSecrets);
    env.put("MAILTOKEN_CLIENT_ID", CLIENT_ID);
    env.put("MAILTOKEN_CLIENT_SECRET", CLIENT_SECRET);
    this.caFile = dir.resolve("smtp-ca.pem");
    writePem(caFile);
  }

  static ExampleRig google(Path dir, LogCapture logs) {
    return new ExampleRig(EmulatorMode.GOOGLE, dir, logs, Clock.systemUTC());
  }

  static ExampleRig microsoft(Path dir, LogCapture logs) {
    return microsoft(dir, logs, Clock.systemUTC());
  }

  /** A Microsoft-like provider whose expiries follow {@code clock} (a TestClock the test moves). */
  static ExampleRig microsoft(Path dir, LogCapture logs, Clock clock) {
    return new ExampleRig(EmulatorMode.MICROSOFT, dir, logs, clock);
  }

  /**
   * The example's client becomes a public one ("Allow public client flows"), as the device flow
   * needs: {@link #PUBLIC_CLIENT_ID} is registered and put in the environment, without a secret.
   */
  ExampleRig publicClient() {
    provider.registerClient(ClientRegistration.publicClient(PUBLIC_CLIENT_ID).build());
    env.put("MAILTOKEN_CLIENT_ID", PUBLIC_CLIENT_ID);
    env.remove("MAILTOKEN_CLIENT_SECRET");
    return this;
  }

  /** A refresh token for {@code user}, put in the environment as {@code variable}. */
  ExampleRig refreshToken(String variable, String user, String... scopes) {
    env.put(variable, provider.issueRefreshToken(CLIENT_ID, user, List.of(scopes)));
    return this;
  }

  /**
   * The example's arguments: {@code args}, then the token and device authorization endpoints and
   * the SMTP server of this rig.
   */
  ExampleArgs args(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--token-endpoint", provider.tokenEndpoint().toString(),
        "--device-endpoint", provider.deviceEndpoint().toString(), "--smtp-host", smtp.host(),
        "--smtp-port", Integer.toString(smtp.port()), "--smtp-ca-file", caFile.toString()));
    return ExampleArgs.parse(all.toArray(String[]::new), env);
  }

  private void writePem(Path file) {
    try {
      String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(smtp.certificate().getEncoded());
      Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    smtp.close();
    provider.close();
  }
}
