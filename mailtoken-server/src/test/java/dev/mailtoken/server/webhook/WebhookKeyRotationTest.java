package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.server.webhook.WebhookReceiver.Received;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.KeyRotation;
import dev.mailtoken.store.KeyUsage;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook signing keys live through a store key rotation and the old key's retirement, done by
 * another process (as {@code mailtoken keys rotate} and {@code keys retire} are) while no server
 * runs: the rotation re-encrypts them with the store's secrets, so a server that starts with
 * only the new key signs with the secret the receiver was given.
 */
class WebhookKeyRotationTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  final TestClock clock = TestClock.at(ServerFixture.START);
  final OAuthClient oauthClient = OAuthClient.builder().clock(clock).build();
  final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private CredentialStore open(Path keyFile) throws Exception {
    return CredentialStore.open("jdbc:sqlite:" + dir.resolve("mailtoken.db"), KeyRing.readFile(keyFile), clock);
  }

  private static KeyUsage usage(CredentialStore store, String keyId) throws Exception {
    return store.keyUsage().stream().filter(u -> u.keyId().equals(keyId)).findFirst().orElseThrow();
  }

  @Test
  void givenAWebhook_whenTheStoreKeysRotateAndTheOldKeyIsRetired_thenAServerWithOnlyTheNewKeySignsWithItsSecret()
      throws Exception {
    Path keyFile = dir.resolve("secret.key");
    KeyRing.generate().writeTo(keyFile);
    String secret;
    String oldKey;
    try (CredentialStore store = open(keyFile);
        MailtokenServer first = new MailtokenServer(ServerConfig.defaults(), store, oauthClient, clock,
            Optional.of(new HandScheduler(clock))).start(0)) {
      String admin = first.firstAdminToken().orElseThrow().value().reveal();
      logs.forbid(admin);
      JsonNode created = Http.json(new Http(first.url()).postJson("/v1/webhooks", admin, "{\"url\":\""
          + receiver.url("/in") + "\",\"events\":[\"account.removed\"]}"));
      secret = created.get("secret").asText();
      logs.forbid(secret);
      oldKey = store.keys().currentKeyId();
      assertThat(usage(store, oldKey).encryptedFields()).isEqualTo(2);   // the key check and the signing key
    }

    KeyRotation rotation;
    try (CredentialStore cli = open(keyFile)) {
      rotation = cli.rotateKeyFile(keyFile);
      cli.retireKey(oldKey, keyFile);
    }

    assertThat(KeyRing.readFile(keyFile).keyIds()).containsExactly(rotation.currentKeyId());
    HandScheduler scheduler = new HandScheduler(clock);
    try (CredentialStore store = open(keyFile);
        MailtokenServer second = new MailtokenServer(ServerConfig.defaults(), store, oauthClient, clock,
            Optional.of(scheduler)).start(0)) {
      second.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, "alice@example.com", Map.of());
      scheduler.runDue();

      assertThat(receiver.received()).hasSize(1);
      Received r = receiver.received().get(0);
      assertThat(WebhookVerification.verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"),
          r.header("webhook-signature"), r.body().getBytes(StandardCharsets.UTF_8), clock.instant())).isTrue();
      assertThat(usage(store, rotation.currentKeyId()).encryptedFields()).isEqualTo(2);
    }
  }
}
