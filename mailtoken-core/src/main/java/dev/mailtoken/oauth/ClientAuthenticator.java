package dev.mailtoken.oauth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * How an app proves itself to an endpoint, per its {@link ClientAuthentication}: {@code client_id}
 * (and for {@code client_secret_post} the secret) in the form, or an HTTP Basic header; and which
 * secrets a request carried, so an error reply that echoes one can be cleaned. Stateless.
 */
final class ClientAuthenticator {
  private ClientAuthenticator() {
  }

  /** Every secret this request carried, so an error reply that echoes one can be cleaned. */
  static List<String> secretsOf(App app, Form form) {
    List<String> secrets = new ArrayList<>(form.secretValues());
    app.clientSecret().ifPresent(s -> secrets.add(s.reveal()));
    return secrets;
  }

  /** Adds {@code client_id} (and the secret for {@code client_secret_post}) to the form. */
  static Form authenticate(App app, Form form) {
    if (app.clientAuthentication() != ClientAuthentication.CLIENT_SECRET_BASIC) {
      form.add("client_id", app.clientId());
    }
    if (app.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_POST) {
      form.add("client_secret", app.clientSecret().orElseThrow().reveal());
    }
    return form;
  }

  /**
   * RFC 6749 §2.3.1: id and secret are form-urlencoded before base64, so a secret with
   * {@code :}, {@code +} or {@code %} survives (T-E-06).
   */
  static String basicAuthorization(App app) {
    if (app.clientAuthentication() != ClientAuthentication.CLIENT_SECRET_BASIC) {
      return null;
    }
    String pair = Form.encode(app.clientId()) + ":" + Form.encode(app.clientSecret().orElseThrow().reveal());
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
