package dev.mailtoken.cli;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.DeviceAuthorization;
import dev.mailtoken.oauth.DeviceCodePoller;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.TokenResponse;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code authorize --device}: the device authorization grant (RFC 8628) for a terminal with no
 * browser. Prints the code and the page to enter it on (and Microsoft's own sentence), polls at the
 * provider's interval through core's {@link DeviceCodePoller}, then names the mailbox as the
 * loopback flow does. Google is refused before any request: its device flow grants no mail scope
 * (T-D-01). Storing the result is the caller's job.
 *
 * <p>One instance per run; not thread-safe. Failures are core's {@link MailtokenException}s (denied
 * and expired are consent errors) or {@link CliException}s with a hint.
 */
final class DeviceFlow {
  private final OAuthClient client;
  private final DeviceCodePoller.Sleeper sleeper;
  private final PrintWriter err;

  DeviceFlow(OAuthClient client, DeviceCodePoller.Sleeper sleeper, PrintWriter err) {
    this.client = client;
    this.sleeper = sleeper;
    this.err = err;
  }

  /**
   * @param maxWait how long to poll at most; empty for the code's own lifetime
   */
  AuthorizationFlow.Authorized run(String appName, App stored, Optional<String> account, Optional<Duration> maxWait)
      throws MailtokenException, InterruptedException {
    OAuthProvider provider = stored.provider();
    refuseGoogle(provider);
    if (provider.deviceAuthorizationEndpoint().isEmpty()) {
      throw new CliException(ExitCode.CONFIGURATION, "app " + appName + " (" + provider.name() + ") has no device"
          + " authorization endpoint, so --device cannot be used",
          "use --manual (open the URL anywhere, paste the redirected address back), or add the app again with"
              + " --device-authorization-endpoint URL if the provider has one");
    }
    boolean canIdentify = provider.issuer().isPresent() || provider.userinfoEndpoint().isPresent();
    if (!canIdentify && account.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "provider " + provider.name() + " cannot tell which mailbox consented"
          + " (no OpenID issuer, no userinfo endpoint)", "name it: --account user@example.com");
    }
    App app = new App(provider, stored.clientId(), stored.clientSecret(), stored.redirectUri(),
        AuthorizationFlow.scopes(stored, canIdentify), stored.clientAuthentication());
    TokenResponse tokens;
    try {
      DeviceAuthorization device = client.startDeviceAuthorization(app, List.of());
      show(device, client.clock());
      tokens = new DeviceCodePoller(client, sleeper).await(device, maxWait.orElse(null));
    } catch (MailtokenException e) {
      // --force-consent means nothing here: the device flow always shows the consent screen.
      CliException explained = AuthorizationFlow.explain(e, provider, true);
      if (explained != null) {
        throw explained;
      }
      if (e instanceof ConfigurationException) {
        throw new CliException(ExitCode.CONFIGURATION, e.getMessage(), "run mailtoken authorize --app " + appName
            + " without --device (the browser flow; --manual from an SSH session)");
      }
      throw e;
    }
    String address = new ConsentedMailbox(client, err).address(app, tokens, account);
    return new AuthorizationFlow.Authorized(address, tokens);
  }

  /** T-D-01: say so at once, with the ways that do work for Gmail. */
  private static void refuseGoogle(OAuthProvider provider) {
    boolean google = provider.name().equals("google")
        || provider.issuer().map(i -> "accounts.google.com".equals(i.getHost())).orElse(false);
    if (google) {
      throw new CliException(ExitCode.USAGE, "Google's device flow does not grant Gmail scopes, so --device cannot"
          + " connect a Gmail mailbox; nothing was sent to Google",
          "from an SSH session use --manual (open the URL on any machine, paste the redirected address back);"
              + " for Google Workspace, a service account with domain-wide delegation needs no consent at all:"
              + " mailtoken accounts add-service-account");
    }
  }

  private void show(DeviceAuthorization device, Clock clock) {
    String provider = device.app().provider().name();
    err.println("To authorize " + provider + " access, open this page on any device with a browser:");
    err.println();
    err.println("  " + device.verificationUri());
    err.println();
    err.println("and enter the code:  " + device.userCode());
    device.verificationUriComplete().ifPresent(u -> err.println("(or open " + u + ", which has the code filled in)"));
    device.message().ifPresent(m -> err.println("(" + provider + " says: " + m.strip() + ")"));
    err.println();
    Duration left = Duration.between(clock.instant(), device.expiresAt());
    err.println("waiting for consent… (Ctrl-C to cancel; the code expires in " + AuthorizationFlow.human(left)
        + ", polling every " + device.interval().toSeconds() + "s)");
    err.flush();
  }
}
