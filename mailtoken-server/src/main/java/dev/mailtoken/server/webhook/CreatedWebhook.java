package dev.mailtoken.server.webhook;

import dev.mailtoken.Secret;
import java.util.Objects;

/**
 * A webhook just created, with its signing secret ({@code whsec_} + base64 of 32 random bytes):
 * the one time the secret leaves the server. {@code toString} shows its fingerprint only.
 */
public record CreatedWebhook(Webhook webhook, Secret secret) {
  public CreatedWebhook {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(secret, "secret");
  }
}
