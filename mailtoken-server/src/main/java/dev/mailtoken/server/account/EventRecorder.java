package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.token.TokenEvent;
import dev.mailtoken.token.TokenListener;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the token manager's events into recorded {@link AccountEvent}s, each once: a dead grant
 * once per account version (so every node, and every restart, adds nothing more until the account
 * is reconnected), a failing refresh once per error until the next success, a rotation once.
 * Issued tokens are not recorded. Then tells the listeners, only on the node that recorded it,
 * so a webhook subscribed to an event gets it once however many nodes saw it.
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
            errorData(r.error()), r.account() + "|reauth|" + version);
      } else if (event instanceof TokenEvent.RefreshFailed f) {
        Optional<StoredAccount> a = store.account(f.account());
        String since = a.flatMap(StoredAccount::lastRefresh).map(i -> Long.toString(i.toEpochMilli())).orElse("never");
        String code = f.error().oauthError().map(o -> o.error()).orElse(f.error().getClass().getSimpleName());
        Map<String, String> data = errorData(f.error());
        data.put("nextRetry", f.nextRetry().toString());
        record(f.account(), AccountEvent.REFRESH_FAILED, String.valueOf(f.error().getMessage()), data,
            f.account() + "|failed|" + code + "|" + since);
      } else if (event instanceof TokenEvent.Rotated r) {
        record(r.account(), AccountEvent.ROTATED, "refresh token rotated (sha256:" + r.refreshTokenFingerprint() + ")",
            Map.of("refreshTokenFingerprint", r.refreshTokenFingerprint()),
            r.account() + "|rotated|" + r.refreshTokenFingerprint());
      }
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("could not record the {} event of {}: {}", event.getClass().getSimpleName(), event.account(),
          e.getMessage());
    }
  }

  private static Map<String, String> errorData(MailtokenException error) {
    Map<String, String> data = new HashMap<>();
    data.put("error", error.getClass().getSimpleName());
    error.oauthError().ifPresent(o -> data.put("oauthError", o.error()));
    return data;
  }

  /** Records an event once per {@code dedupKey}; tells the listeners when it was new. */
  boolean record(String account, String kind, String detail, Map<String, String> data, String dedupKey)
      throws MailtokenException {
    AccountEvent e = new AccountEvent(newId(), account, clock.instant(), kind, detail, data);
    if (!repository.insertOnce(e, dedupKey)) {
      return false;
    }
    tell(l -> l.onEvent(e));
    return true;
  }

  /** Tells the listeners that a token of {@code account} was handed out. */
  void handedOut(String account) {
    tell(l -> l.tokenHandedOut(account));
  }

  private void tell(Consumer<AccountEventListener> call) {
    for (AccountEventListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException ex) {
        LOG.warn("account event listener {} threw {}", l.getClass().getName(), ex.toString());
      }
    }
  }

  private String newId() {
    byte[] b = new byte[8];
    synchronized (random) {
      random.nextBytes(b);
    }
    return HexFormat.of().formatHex(b);
  }
}
