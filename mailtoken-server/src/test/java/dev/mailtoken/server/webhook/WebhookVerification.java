package dev.mailtoken.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server README's Java verification example, compiled and run against real deliveries by
 * {@link WebhookSignatureTest}, which also checks that the README shows exactly this code (as does
 * the examples module's ReadmeSnippetsTest, with the imports above).
 */
final class WebhookVerification {
  private WebhookVerification() {
  }

  // snippet: mailtoken-server/README.md
  /**
   * True when a mailtoken webhook delivery is authentic and fresh.
   *
   * @param secret the webhook's secret, "whsec_...", shown once when it was created
   * @param id the webhook-id header; timestamp: webhook-timestamp; signatures: webhook-signature
   * @param body the raw request body, exactly as received (before any JSON parsing)
   */
  static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body, Instant now)
      throws GeneralSecurityException {
    long sent = Long.parseLong(timestamp);
    if (Math.abs(now.getEpochSecond() - sent) > 5 * 60) {
      return false; // outside the replay window: a replayed (or very late) delivery
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
    for (String signature : signatures.split(" ")) {
      if (signature.startsWith("v1,")
          && MessageDigest.isEqual(expected, signature.substring(3).getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }
  // end snippet
}
