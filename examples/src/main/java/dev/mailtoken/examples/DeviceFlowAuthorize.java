package dev.mailtoken.examples;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.DeviceAuthorization;
import dev.mailtoken.oauth.DeviceCodePoller;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.TokenResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

/**
 * The device flow (RFC 8628) for a machine with no browser, such as a server or a container: it
 * prints a page and a code, the person opens the page on their phone or laptop, enters the code and
 * consents, and meanwhile the program polls the provider until it answers. The refresh token it gets
 * is written to a file readable by its owner only; the output shows its fingerprint, never its value.
 * Later runs use it with a {@code RefreshTokenGrant}, as {@link PlainJavaSend} does.
 *
 * <p>Microsoft 365 only: Google's device flow grants no Gmail scope (use the loopback flow, or a
 * service account as in {@link GoogleServiceAccount}). The app registration must allow public client
 * flows (Authentication → "Allow public client flows": Yes); it needs no client secret.
 *
 * <pre>
 * MAILTOKEN_CLIENT_ID=… \
 *   java -cp … dev.mailtoken.examples.DeviceFlowAuthorize --tenant contoso.onmicrosoft.com \
 *     --refresh-token-file /var/lib/myapp/refresh-token
 * </pre>
 *
 * {@code --token-endpoint URL} and {@code --device-endpoint URL} point it at other endpoints (the
 * tests' emulator). Failures: {@code AuthorizationDeniedException} when the person declines,
 * {@code AuthorizationExpiredException} when nobody enters the code in time (the file is then
 * left untouched).
 */
public final class DeviceFlowAuthorize {
  private DeviceFlowAuthorize() {
  }

  public static void main(String[] args) throws Exception {
    run(ExampleArgs.parse(args, System.getenv()), Clock.systemUTC(), DeviceCodePoller.Sleeper.system(), System.out);
  }

  /**
   * Runs the flow, telling the person what to do on {@code out}.
   *
   * @param clock the clock the client reads expiries with ({@code Clock.systemUTC()} outside tests)
   * @param sleeper how the poller waits between polls ({@code Sleeper.system()} outside tests)
   * @return the refresh token, as saved in {@code --refresh-token-file}
   */
  static Secret run(ExampleArgs args, Clock clock, DeviceCodePoller.Sleeper sleeper, PrintStream out)
      throws MailtokenException, InterruptedException, IOException {
    Path file = Path.of(args.required("--refresh-token-file"));
    App app = App.builder()
        .provider(args.provider(OAuthProvider.microsoft(args.required("--tenant"))))
        .clientId(args.env("MAILTOKEN_CLIENT_ID"))   // a public client: no secret
        .build();                                    // scopes: SMTP.Send and offline_access

    OAuthClient client = OAuthClient.builder().clock(clock).build();
    DeviceAuthorization device = client.startDeviceAuthorization(app, List.of());   // empty: the app's scopes
    out.println("On any device with a browser, open " + device.verificationUri());
    out.println("and enter the code " + device.userCode() + " (it expires at " + device.expiresAt() + ")");
    device.message().ifPresent(m -> out.println("(Microsoft says: " + m.strip() + ")"));

    // Polls at the provider's interval (slower after slow_down) until the person consents or declines.
    TokenResponse granted = new DeviceCodePoller(client, sleeper).await(device);
    Secret refreshToken = granted.refreshToken().orElseThrow();   // the poller already insisted on one
    save(file, refreshToken);
    out.println("authorized " + granted.scopes() + "; refresh token sha256:" + refreshToken.fingerprint()
        + " saved to " + file);
    return refreshToken;
  }

  /** Writes the token to {@code file}, created readable and writable by its owner only where POSIX allows. */
  private static void save(Path file, Secret token) throws IOException {
    if (Files.notExists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, token.reveal(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }
}
