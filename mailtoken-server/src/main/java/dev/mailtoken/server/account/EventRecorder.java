package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.token.TokenEvent;
import dev.mailtoken.token.TokenListener;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the token manager's events into recorded {@link AccountEvent}s, each once: a dead grant
 * once per account version (so every node, and every restart, adds nothing more until the account
 * is reconnected), a failing refresh once per error until the next success, a rotation once.
 * Issued tokens are not recorded. Then tells the listeners, only on the node that recorded it.
 * Runs on the manager's listener thread, which does nothing else. Thread-safe.
 */
final class EventRecorder implements TokenListener {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final AccountEventRepository repository;
  private final CredentialStore store;
  private final Clock clock;
  private final List<AccountEventListener> listeners;
  private final SecureRandom random = new SecureRandom();

  EventRecorder(AccountEventRepository repository, CredentialStore store, Clock clock,
      List<AccountEventListener> listeners) {
    this.repository = repository;
    this.store = store;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onEvent(TokenEvent event) {
    try {
      if (event instanceof TokenEvent.ReauthorizationRequired r) {
        long version = store.account(r.account()).map(StoredAccount::version).orElse(0L);
        record(r.account(), AccountEvent.REAUTHORIZATION_REQUIRED, String.valueOf(r.error().getMessage()),
            r.account() + "|reauth|" + version);
      } else if (event instanceof TokenEvent.RefreshFailed f) {
        Optional<StoredAccount> a = store.account(f.account());
        String since = a.flatMap(StoredAccount::lastRefresh).map(i -> Long.toString(i.toEpochMilli())).orElse("never");
        String code = f.error().oauthError().map(o -> o.error()).orElse(f.error().getClass().getSimpleName());
        record(f.account(), AccountEvent.REFRESH_FAILED, String.valueOf(f.error().getMessage()),
            f.account() + "|failed|" + code + "|" + since);
      } else if (event instanceof TokenEvent.Rotated r) {
        record(r.account(), AccountEvent.ROTATED, "refresh token rotated (sha256:" + r.refreshTokenFingerprint() + ")",
            r.account() + "|rotated|" + r.refreshTokenFingerprint());
      }
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("could not record the {} event of {}: {}", event.getClass().getSimpleName(), event.account(),
          e.getMessage());
    }
  }

  /** Records an event once per {@code dedupKey}; tells the listeners when it was new. */
  boolean record(String account, String kind, String detail, String dedupKey) throws MailtokenException {
    AccountEvent e = new AccountEvent(newId(), account, clock.instant(), kind, detail);
    if (!repository.insertOnce(e, dedupKey)) {
      return false;
    }
    for (AccountEventListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        LOG.warn("account event listener {} threw {}", l.getClass().getName(), ex.toString());
      }
    }
    return true;
  }

  private String newId() {
    byte[] b = new byte[8];
    synchronized (random) {
      random.nextBytes(b);
    }
    return HexFormat.of().formatHex(b);
  }
}
