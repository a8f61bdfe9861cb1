package dev.mailtoken.server.connect;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.Revocation;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.oauth.TokenTypeHint;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.connect.ConnectFailure.Retry;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.DuplicateEntryException;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.AccessToken;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a consent: names the mailbox, refuses one that is not the expected mailbox
 * (fail closed: the fresh grant is revoked, nothing is stored), stores the account (a new one,
 * or the existing one updated in place through the store's replace path), marks the link used,
 * writes the link's audit entry ({@code connect_link.used}) and tells the {@link ConnectListener}.
 * Thread-safe.
 */
final class AccountWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AccountWriter.class);

  /** A stored account, and the link that connected it. */
  record Connected(String account, String app, boolean reconnected, StoredLink link) { }

  private final CredentialStore store;
  private final OAuthClient oauth;
  private final ConnectRepository repository;
  private final AuditLog audit;
  private final ConnectListener listener;
  private final Clock clock;

  AccountWriter(CredentialStore store, OAuthClient oauth, ConnectRepository repository, AuditLog audit,
      ConnectListener listener, Clock clock) {
    this.store = store;
    this.oauth = oauth;
    this.repository = repository;
    this.audit = audit;
    this.listener = listener;
    this.clock = clock;
  }

  Connected write(StoredLink link, StoredApp stored, App app, TokenResponse tokens) throws MailtokenException {
    MailboxIdentity.Found who = MailboxIdentity.of(app, tokens, oauth).orElseThrow(() -> new ConnectFailure(422,
        "mailbox_unknown", "Could not tell which mailbox this is", WebApps.providerName(app) + " did not say which"
            + " mailbox consented (no email in the ID token, none from userinfo), so nothing was stored.").on(link));
    String address = who.address();
    Optional<String> expected = link.link().expectedMailbox();
    if (expected.isPresent() && !expected.get().toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT))) {
      throw mismatch(link, stored, app, tokens, who, expected.get());
    }
    AccessToken first = new AccessToken(tokens.accessToken(), tokens.expiresAt(), tokens.scopes());
    NewAccount fresh = NewAccount.withRefreshToken(address, stored.name(), tokens.refreshToken().orElseThrow(),
        List.copyOf(tokens.scopes()), Optional.of(first));
    boolean existed = store.account(address).isPresent();
    if (existed) {
      store.replaceAccount(fresh);
    } else {
      try {
        store.putAccount(fresh);
      } catch (DuplicateEntryException e) {
        existed = true; // connected meanwhile through another link: this consent is the newer one
        store.replaceAccount(fresh);
      }
    }
    String linkId = link.link().id();
    repository.complete(linkId, address, clock.instant());
    // The account's own audit line (account.connected / account.reconnected) and event are written by
    // the account feature, which the server tells through the listener; this line is about the link.
    audit.record("connect-link:" + linkId, "connect_link.used", linkId, (existed ? "reconnected " : "connected ")
        + address + " (app " + stored.name() + ", mailbox from " + who.source() + ", link created by "
        + link.link().createdBy() + ")");
    LOG.info("{} {} through connect link {} (app {})", existed ? "reconnected" : "connected", address, linkId,
        stored.name());
    notifyListener(new AccountConnected(address, stored.name(), existed, linkId, clock.instant()));
    return new Connected(address, stored.name(), existed, link);
  }

  private ConnectFailure mismatch(StoredLink link, StoredApp stored, App app, TokenResponse tokens,
      MailboxIdentity.Found who, String expected) throws MailtokenException {
    String revoked = revoke(stored, app, tokens, who.address());
    audit.record("connect-link:" + link.link().id(), "connect_link.refused", link.link().id(), "expected "
        + expected + ", consented as " + who.address() + " (" + who.source() + "); " + revoked);
    LOG.warn("connect link {} refused: expected {}, consented as {}; {}", link.link().id(), expected, who.address(),
        revoked);
    return new ConnectFailure(403, "mailbox_mismatch", "That is not the expected mailbox", "This link is for "
        + expected + ", but you signed in as " + who.address() + " (from " + who.source() + "). Nothing was"
        + " stored, and " + revoked + ". To connect " + expected + ", try again and sign in with that account.")
        .retry(Retry.AGAIN, link, stored.name());
  }

  /** Revokes the fresh grant and says what happened, in words for the page. */
  private String revoke(StoredApp stored, App app, TokenResponse tokens, String actual) throws MailtokenException {
    String provider = WebApps.providerName(app);
    Optional<StoredAccount> existing = store.account(actual);
    if (existing.isPresent() && existing.get().appName().equals(stored.name())) {
      // At Google, revoking one token of a user and client ends every grant of that pair, which would
      // disconnect the account stored here.
      return "the access just granted was not revoked, because " + actual + " is connected here with the same"
          + " app and revoking it at " + provider + " would disconnect that account too";
    }
    Secret token = tokens.refreshToken().orElse(tokens.accessToken());
    TokenTypeHint hint = tokens.refreshToken().isPresent() ? TokenTypeHint.REFRESH_TOKEN : TokenTypeHint.ACCESS_TOKEN;
    try {
      Revocation r = oauth.revoke(app, token, hint);
      return r == Revocation.NOT_SUPPORTED
          ? provider + " offers no way to revoke the access just granted from here; it is unused and can be"
              + " removed in the account's app permissions"
          : "the access just granted was revoked at " + provider;
    } catch (MailtokenException e) {
      return "revoking the access just granted failed (" + e.getMessage() + "); remove it in the account's app"
          + " permissions";
    }
  }

  private void notifyListener(AccountConnected event) {
    try {
      listener.onConnected(event);
    } catch (RuntimeException e) {
      LOG.warn("connect listener {} failed on {}: {}", listener.getClass().getName(), event.account(), e.toString());
    }
  }
}
