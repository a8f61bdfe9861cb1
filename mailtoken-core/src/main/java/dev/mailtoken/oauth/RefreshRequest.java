package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import java.util.List;
import java.util.Objects;

/**
 * What a refresh ({@code grant_type=refresh_token}) sends, checked before anything goes out: the
 * endpoint, the form, the scopes the answer is checked against and the fingerprint logged for it.
 */
record RefreshRequest(Target target, Form form, List<String> requested, String sent) {

  /**
   * @throws IllegalArgumentException for a blank scope or one with white space
   * @throws ConfigurationException when the scopes name several resources and the provider
   *     issues a token for one at a time
   */
  static RefreshRequest of(App app, Secret refreshToken, List<String> scopes, String account)
      throws ConfigurationException {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(refreshToken, "refreshToken");
    List<String> asked = Scopes.checked(scopes);
    Target target = new Target(app.provider().name(), app.provider().tokenEndpoint(), account);
    Scopes.checkOneResource(app.provider(), asked);
    Form form = new Form()
        .add("grant_type", GrantType.REFRESH_TOKEN.wireName())
        .add("refresh_token", refreshToken.reveal())
        .addIfNotEmpty("scope", Scopes.join(asked));
    return new RefreshRequest(target, form, asked.isEmpty() ? app.scopes() : asked,
        "refresh_token=" + refreshToken.fingerprint());
  }
}
