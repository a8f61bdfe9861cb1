package dev.mailtoken.cli;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What the CLI takes from its surroundings, injected so tests run it in-process: the environment
 * variables (never read with {@code System.getenv} deeper down), the clock, how to prompt for a
 * secret, how to open a browser, and optionally the TLS trust for SMTP (tests and the demo trust
 * the emulator's self-signed certificate; by default the JVM's trust store is used).
 *
 * <p>Immutable; the {@code with*} methods return changed copies.
 */
public record CliContext(Map<String, String> env, Clock clock, SecretReader secretReader, Browser browser,
    Optional<SSLContext> smtpTrust) {

  public CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(secretReader, "secretReader");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(smtpTrust, "smtpTrust");
  }

  /** The process's own surroundings: console prompt, desktop browser, JVM trust store. */
  public static CliContext of(Map<String, String> env, Clock clock) {
    return new CliContext(env, clock, SecretReader.console(), Browser.desktop(), Optional.empty());
  }

  public CliContext withEnv(Map<String, String> newEnv) {
    return new CliContext(newEnv, clock, secretReader, browser, smtpTrust);
  }

  public CliContext withSecretReader(SecretReader reader) {
    return new CliContext(env, clock, reader, browser, smtpTrust);
  }

  public CliContext withBrowser(Browser newBrowser) {
    return new CliContext(env, clock, secretReader, newBrowser, smtpTrust);
  }

  public CliContext withSmtpTrust(SSLContext trust) {
    return new CliContext(env, clock, secretReader, browser, Optional.of(trust));
  }
}
