package dev.mailtoken.server.webhook;

import dev.mailtoken.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of Standard Webhooks 1.0: {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64-decoded part of the
 * secret after {@code whsec_}. Stateless and thread-safe.
 */
final class WebhookSignature {
  static final String SECRET_PREFIX = "whsec_";
  private static final int KEY_BYTES = 32;

  private WebhookSignature() {
  }

  /** A new secret: {@code whsec_} and the standard base64 of 32 random bytes. */
  static Secret newSecret(SecureRandom random) {
    byte[] key = new byte[KEY_BYTES];
    synchronized (random) {
      random.nextBytes(key);
    }
    return Secret.of(SECRET_PREFIX + Base64.getEncoder().encodeToString(key));
  }

  /** The {@code webhook-signature} header value for one attempt. */
  static String sign(Secret secret, String id, long timestampSeconds, String body) {
    String value = secret.reveal();
    byte[] key = Base64.getDecoder().decode(value.startsWith(SECRET_PREFIX)
        ? value.substring(SECRET_PREFIX.length()) : value);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
