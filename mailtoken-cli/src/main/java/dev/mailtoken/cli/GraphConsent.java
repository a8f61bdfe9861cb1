package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.mail.GraphApi;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.token.AccessToken;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code authorize}'s Graph token beside the SMTP one: Microsoft issues a token for one resource
 * per request, so right after the code exchange (whose token is SMTP's) the new refresh token is
 * used once more for Graph's {@code Mail.Send}. That checks the consent covers Graph, and the token
 * is stored for the first {@code send --transport graph}. The refresh token it rotates is the one
 * stored. Immutable.
 */
final class GraphConsent {
  /** The scope set {@code send --transport graph} asks for (its stored token's key). */
  static final List<String> SCOPES = List.of(GraphApi.MAIL_SEND);
  static final GraphConsent NONE = new GraphConsent(null, null, Set.of(), null);

  private final AccessToken token;
  private final Secret refreshToken;
  private final Set<String> scopes;
  private final MailtokenException failure;

  private GraphConsent(AccessToken token, Secret refreshToken, Set<String> scopes, MailtokenException failure) {
    this.token = token;
    this.refreshToken = refreshToken;
    this.scopes = scopes;
    this.failure = failure;
  }

  /** Asks for the Graph token with the refresh token {@code result} brought; a refusal is kept, not thrown. */
  static GraphConsent fetch(OAuthClient client, App app, AuthorizationFlow.Authorized result) {
    try {
      TokenResponse r = client.refresh(app, result.tokens().refreshToken().orElseThrow(), SCOPES, result.address());
      return new GraphConsent(new AccessToken(r.accessToken(), r.expiresAt(), r.scopes()),
          r.refreshToken().orElse(null), r.scopes(), null);
    } catch (MailtokenException e) {
      return new GraphConsent(null, null, Set.of(), e);
    }
  }

  Optional<AccessToken> token() {
    return Optional.ofNullable(token);
  }

  /** The refresh token to store when the Graph refresh rotated it. */
  Optional<Secret> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** The account's granted scopes: the code exchange's with Graph's. */
  List<String> grantedScopes(Collection<String> own) {
    Set<String> all = new LinkedHashSet<>(own);
    all.addAll(scopes);
    return List.copyOf(all);
  }

  /**
   * Says what the stored account can do over Graph.
   *
   * @throws CliException when Microsoft refused the Graph token for good (the account stays stored
   *     for SMTP); a transient failure is only a note, the token is fetched on the first send
   */
  void report(StoredAccount saved, String app, PrintWriter out, PrintWriter err) {
    String address = saved.address();
    if (token != null) {
      out.println("graph: consented, token stored; send with --transport graph, or make Graph the default:"
          + " mailtoken accounts set " + address + " --transport graph");
      return;
    }
    if (failure == null) {
      return;
    }
    if (failure.isTransient()) {
      err.println("note: the Graph token could not be fetched now (" + failure.getMessage() + "); send --transport"
          + " graph fetches it");
      return;
    }
    throw new CliException(ExitCode.CONFIGURATION, "authorized " + address + " for SMTP, but Microsoft refused a"
        + " Graph token: " + failure.getMessage(), "run mailtoken authorize --app " + app + " --account " + address
        + " --also graph again and leave Mail.Send ticked (a tenant administrator may have to consent for the"
        + " organisation)");
  }
}
