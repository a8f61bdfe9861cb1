package dev.mailtoken.cli;

import dev.mailtoken.oauth.DeviceCodePoller;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What the CLI takes from its surroundings, injected so tests run it in-process: the environment
 * variables (never read with {@code System.getenv} deeper down), the clock, how to prompt for a
 * secret, how to open a browser, optionally the TLS trust for SMTP (tests and the demo trust
 * the emulator's self-signed certificate; by default the JVM's trust store is used), standard
 * input (a redirect pasted back by {@code authorize --manual}), and how to wait between polls
 * ({@code authorize --device}; tests move their clock instead).
 *
 * <p>Immutable; the {@code with*} methods return changed copies.
 */
public record CliContext(Map<String, String> env, Clock clock, SecretReader secretReader, Browser browser,
    Optional<SSLContext> smtpTrust, InputStream stdin, DeviceCodePoller.Sleeper sleeper) {

  public CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(secretReader, "secretReader");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(smtpTrust, "smtpTrust");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Surroundings without standard input (it reads as empty) that wait in real time. */
  public CliContext(Map<String, String> env, Clock clock, SecretReader secretReader, Browser browser,
      Optional<SSLContext> smtpTrust) {
    this(env, clock, secretReader, browser, smtpTrust, InputStream.nullInputStream(),
        DeviceCodePoller.Sleeper.system());
  }

  /** The process's own surroundings: console prompt, desktop browser, JVM trust store, {@code System.in}. */
  public static CliContext of(Map<String, String> env, Clock clock) {
    return new CliContext(env, clock, SecretReader.console(), Browser.desktop(), Optional.empty(), System.in,
        DeviceCodePoller.Sleeper.system());
  }

  public CliContext withEnv(Map<String, String> newEnv) {
    return new CliContext(newEnv, clock, secretReader, browser, smtpTrust, stdin, sleeper);
  }

  public CliContext withSecretReader(SecretReader reader) {
    return new CliContext(env, clock, reader, browser, smtpTrust, stdin, sleeper);
  }

  public CliContext withBrowser(Browser newBrowser) {
    return new CliContext(env, clock, secretReader, newBrowser, smtpTrust, stdin, sleeper);
  }

  public CliContext withSmtpTrust(SSLContext trust) {
    return new CliContext(env, clock, secretReader, browser, Optional.of(trust), stdin, sleeper);
  }

  public CliContext withStdin(InputStream in) {
    return new CliContext(env, clock, secretReader, browser, smtpTrust, in, sleeper);
  }

  public CliContext withSleeper(DeviceCodePoller.Sleeper newSleeper) {
    return new CliContext(env, clock, secretReader, browser, smtpTrust, stdin, newSleeper);
  }
}
