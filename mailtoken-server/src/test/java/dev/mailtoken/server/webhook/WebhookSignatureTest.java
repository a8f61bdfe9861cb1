package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.Secret;
import dev.mailtoken.server.webhook.WebhookReceiver.Received;
import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature is Standard Webhooks 1.0 exactly: the reference vector of its libraries, and real
 * deliveries checked by the README's Java and Python examples (the very code the README shows).
 */
class WebhookSignatureTest {
  private static final Path README = Path.of("README.md");
  private static final Path JAVA_EXAMPLE = Path.of("src/test/java/dev/mailtoken/server/webhook/WebhookVerification.java");

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  WebhookFixture f;
  CreatedWebhook hook;
  Received delivery;

  @BeforeEach
  void deliverOne() throws Exception {
    f = new WebhookFixture(dir);
    Webhooks webhooks = f.started();
    hook = webhooks.create(new NewWebhook(f.receiver.url("/in").toString(), List.of(WebhookEventType.TOKEN_ROTATED),
        Optional.empty()), "test");
    logs.forbid(hook.secret().reveal());
    webhooks.publish(WebhookEventType.TOKEN_ROTATED, "alice@example.com", Map.of("refreshTokenFingerprint", "0a1b2c3d"));
    f.scheduler.runDue();
    delivery = f.receiver.received().get(0);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void givenTheStandardWebhooksReferenceVector_whenSigned_thenTheSignatureIsTheReferenceOne() {
    String signature = WebhookSignature.sign(Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void givenARealDelivery_whenTheReadmesJavaExampleChecksIt_thenItIsAuthenticAndATamperedOneIsNot() throws Exception {
    Instant now = f.server.clock.instant();
    byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);

    assertThat(javaVerify(hook.secret().reveal(), body, now)).isTrue();
    assertThat(javaVerify(hook.secret().reveal(), delivery.body().replace("alice", "mallory")
        .getBytes(StandardCharsets.UTF_8), now)).isFalse();
    assertThat(javaVerify(WebhookSignature.newSecret(new java.security.SecureRandom()).reveal(), body, now)).isFalse();
    assertThat(javaVerify(hook.secret().reveal(), body, now.plusSeconds(301))).as("outside the replay window").isFalse();
    assertThat(javaVerify(hook.secret().reveal(), body, now.plusSeconds(299))).isTrue();
  }

  private boolean javaVerify(String secret, byte[] body, Instant now) throws Exception {
    return WebhookVerification.verify(secret, delivery.header("webhook-id"), delivery.header("webhook-timestamp"),
        delivery.header("webhook-signature"), body, now);
  }

  @Test
  void givenTheReadme_whenItsJavaExampleIsRead_thenItIsExactlyTheCompiledOne() throws IOException {
    String source = Files.readString(JAVA_EXAMPLE);
    String begin = "// snippet: mailtoken-server/README.md\n";
    String method = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("  // end snippet"));
    String unindented = method.lines().map(l -> l.startsWith("  ") ? l.substring(2) : l)
        .reduce("", (a, b) -> a + b + "\n");

    assertThat(unindented).contains("static boolean verify(");
    assertThat(Files.readString(README)).contains(unindented);
  }

  @Test
  void givenARealDelivery_whenTheReadmesPythonExampleChecksIt_thenItIsAuthenticAndATamperedOneIsNot()
      throws Exception {
    assumeTrue(python() != null, "python3 is not installed");
    String secret = hook.secret().reveal();

    assertThat(pythonVerify(secret, delivery.body())).isEqualTo("True");
    assertThat(pythonVerify(secret, delivery.body().replace("alice", "mallory"))).isEqualTo("False");
  }

  private static String python() {
    for (String p : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return null;
  }

  private String pythonVerify(String secret, String body) throws Exception {
    Matcher m = Pattern.compile("```python\n(import base64.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
    assertThat(m.find()).as("the README has a Python example starting with import base64").isTrue();
    Path script = dir.resolve("verify.py");
    Files.writeString(script, m.group(1) + "\nimport json, sys\nd = json.load(sys.stdin)\n"
        + "print(verify(d['secret'], d['headers'], base64.b64decode(d['body']), d['now']))\n");
    String input = new ObjectMapper().writeValueAsString(Map.of("secret", secret,
        "headers", Map.of("webhook-id", delivery.header("webhook-id"),
            "webhook-timestamp", delivery.header("webhook-timestamp"),
            "webhook-signature", delivery.header("webhook-signature")),
        "body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)),
        "now", f.server.clock.instant().getEpochSecond()));
    Process p = new ProcessBuilder(python(), script.toString()).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
