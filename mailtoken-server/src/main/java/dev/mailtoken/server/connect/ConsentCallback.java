package dev.mailtoken.server.connect;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AuthorizationCode;
import dev.mailtoken.oauth.AuthorizationCodeRejectedException;
import dev.mailtoken.oauth.MissingRefreshTokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.ScopeNotGrantedException;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.server.connect.ConnectFailure.Retry;
import dev.mailtoken.store.StoredApp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The provider's answer at {@code /connect/callback}: checks it belongs to a consent attempt in
 * progress in this browser (state, then the link's session cookie), takes it once, exchanges the
 * code (with the PKCE verifier unsealed by the session), checks the grant (refresh token, scopes:
 * core's {@link OAuthClient#exchangeCode}), names the mailbox and compares it with the expected
 * one, then hands the result to {@link AccountWriter}. Every refusal is a {@link ConnectFailure}
 * and nothing is stored before the last step. Thread-safe.
 */
final class ConsentCallback {
  private final ConnectRepository repository;
  private final WebApps apps;
  private final OAuthClient oauth;
  private final AccountWriter writer;
  private final Clock clock;

  ConsentCallback(ConnectRepository repository, WebApps apps, OAuthClient oauth, AccountWriter writer, Clock clock) {
    this.repository = repository;
    this.apps = apps;
    this.oauth = oauth;
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * @param params the callback's query parameters, decoded once
   * @param cookie this browser's cookies, by name
   */
  AccountWriter.Connected handle(Map<String, String> params, Function<String, String> cookie)
      throws MailtokenException {
    Claimed c = claim(params.get("state"), cookie);
    String code = refusedOrCode(params, c.link(), c.attempt());
    Secret verifier = BrowserSession.unseal(c.attempt().sealedVerifier(), c.session(), c.attempt().stateHash())
        .orElseThrow(() -> ConnectFlow.noSession().on(c.link()));
    StoredApp stored = apps.find(c.attempt().app()).orElseThrow(() -> new ConnectFailure(410, "app_removed",
        "The app was removed", "The app " + c.attempt().app() + " was removed while you were at the provider."
            + " Nothing was stored.").on(c.link()));
    App app = apps.forFlow(stored, c.attempt().redirectUri());
    Optional<Set<String>> granted = Optional.ofNullable(params.get("scope"))
        .map(s -> Set.copyOf(new LinkedHashSet<>(Arrays.asList(s.trim().split(" +")))));
    TokenResponse tokens = exchange(app, new AuthorizationCode(Secret.of(code), Optional.of(verifier),
        c.attempt().redirectUri(), c.attempt().scopes(), c.attempt().requiredScopes(), granted, true,
        c.link().link().expectedMailbox()), c.link(), c.attempt());
    return writer.write(c.link(), stored, app, tokens);
  }

  /** An attempt whose answer this browser may take, taken (it counts once). */
  private record Claimed(Attempt attempt, StoredLink link, Secret session) { }

  private Claimed claim(String state, Function<String, String> cookie) throws MailtokenException {
    if (state == null || state.isBlank()) {
      throw badAnswer("has no state");
    }
    Attempt attempt = repository.attempt(BrowserSession.hash(state)).orElseThrow(() -> badAnswer(
        "carries a state that belongs to no sign-in in progress"));
    StoredLink link = repository.linkById(attempt.linkId()).orElseThrow(() -> badAnswer(
        "belongs to a connect link that no longer exists"));
    String presented = cookie.apply(BrowserSession.cookieName(link.link().id()));
    if (!BrowserSession.matches(link.sessionHash(), presented)) {
      throw ConnectFlow.noSession().on(link);
    }
    if (attempt.usedAt().isPresent()) {
      throw answerUsed(link);
    }
    ConnectFlow.refuseFinished(link);
    Instant now = clock.instant();
    if (!now.isBefore(attempt.expiresAt())) {
      throw new ConnectFailure(410, "attempt_expired", "That took too long", "More than "
          + ConnectFlow.ATTEMPT_TTL.toMinutes() + " minutes passed between leaving for the provider and coming"
          + " back, so its answer is no longer accepted. Nothing was stored.").retry(Retry.AGAIN, link, attempt.app());
    }
    if (!repository.claimAttempt(attempt.stateHash(), now)) {
      throw answerUsed(link);
    }
    return new Claimed(attempt, link, Secret.of(presented));
  }

  private static ConnectFailure answerUsed(StoredLink link) {
    return new ConnectFailure(409, "answer_used", "This answer was already used", "The provider's answer to"
        + " this sign-in was received before; an answer counts once. " + (link.link().account().isPresent()
            ? "The mailbox " + link.link().account().get() + " is connected." : "Start again from the link page."))
        .on(link);
  }

  private static String refusedOrCode(Map<String, String> params, StoredLink link, Attempt attempt) {
    String error = params.get("error");
    if (error != null && !error.isBlank()) {
      if (error.equals("access_denied")) {
        throw new ConnectFailure(403, "access_denied", "You did not allow access", "You declined on the"
            + " provider's page, so no mailbox was connected and nothing was stored. To connect it, try again"
            + " and allow the requested permissions.").retry(Retry.AGAIN, link, attempt.app());
      }
      String description = params.getOrDefault("error_description", "");
      throw new ConnectFailure(502, "provider_error", "The provider refused", "The provider answered with the"
          + " error " + error + (description.isBlank() ? "" : " (" + description + ")") + ". Nothing was stored."
          + " This usually means the app's settings at the provider (redirect URI, allowed users, consent"
          + " screen) need a change.").retry(Retry.AGAIN, link, attempt.app());
    }
    String code = params.get("code");
    if (code == null || code.isBlank()) {
      throw new ConnectFailure(400, "code_missing", "The answer is incomplete", "The provider's answer has"
          + " neither a code nor an error. Nothing was stored.").retry(Retry.AGAIN, link, attempt.app());
    }
    return code;
  }

  private TokenResponse exchange(App app, AuthorizationCode code, StoredLink link, Attempt attempt)
      throws MailtokenException {
    String provider = WebApps.providerName(app);
    try {
      return oauth.exchangeCode(app, code);
    } catch (MissingRefreshTokenException e) {
      throw new ConnectFailure(422, "no_refresh_token", "The provider gave no lasting access", provider + " did"
          + " not return a refresh token, so the connection would stop working within the hour. This happens when"
          + " the app was already allowed for this account, or when \"stay connected\" (offline access) was not"
          + " granted. Nothing was stored. Try again: the provider will be asked to show its consent screen.")
          .retry(Retry.FORCE_CONSENT, link, attempt.app());
    } catch (ScopeNotGrantedException e) {
      throw new ConnectFailure(422, "scope_not_granted", "Some permissions were not allowed", "The permissions"
          + " below were unticked on " + provider + "'s consent page, and mail cannot be sent without them."
          + " Nothing was stored. Try again and leave every permission ticked.")
          .details(e.missingScopes().stream().sorted().map(ScopeLabels::of).toList())
          .retry(Retry.AGAIN, link, attempt.app());
    } catch (AuthorizationCodeRejectedException e) {
      throw new ConnectFailure(400, "code_rejected", "The provider did not accept the answer", provider
          + " refused to exchange the code it sent (it may have expired). Nothing was stored.")
          .retry(Retry.AGAIN, link, attempt.app());
    } catch (TransientException e) {
      throw new ConnectFailure(503, "provider_unavailable", provider + " is not answering", e.getMessage()
          + " Nothing was stored; try again in a moment.").retry(Retry.AGAIN, link, attempt.app());
    } catch (ConfigurationException e) {
      throw new ConnectFailure(422, "configuration", "The app is not set up right", e.getMessage()).on(link);
    }
  }

  private static ConnectFailure badAnswer(String what) {
    return new ConnectFailure(400, "state_mismatch", "This page does not belong to a sign-in in progress",
        "The provider's answer " + what + ": it comes from an old browser tab, a second attempt, or a forged"
            + " request, and was not used. Nothing was stored. Open the connect link again to start over.");
  }
}
