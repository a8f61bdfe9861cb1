package dev.mailtoken.server.metrics;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.micrometer.MeterLabels;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account's meter labels from the store: its app's provider kind ({@code google},
 * {@code microsoft}, {@code oidc}, {@code custom}) and the app's name. Found once per account and
 * kept (an account keeps its app); unknown accounts and read failures give
 * {@link MeterLabels#UNKNOWN} and are asked again next time. An app name that is not a valid
 * label (it holds an {@code @}, say) gives {@code unknown} too. Thread-safe.
 */
final class StoreLabels implements Function<String, MeterLabels> {
  private static final Logger LOG = LoggerFactory.getLogger(StoreLabels.class);

  private final CredentialStore store;
  private final Map<String, MeterLabels> known = new ConcurrentHashMap<>();

  StoreLabels(CredentialStore store) {
    this.store = store;
  }

  @Override
  public MeterLabels apply(String account) {
    MeterLabels cached = known.get(account);
    if (cached != null) {
      return cached;
    }
    try {
      Optional<StoredAccount> a = store.account(account);
      if (a.isEmpty()) {
        return MeterLabels.UNKNOWN;
      }
      Optional<StoredApp> app = store.app(a.get().appName());
      String provider = app.map(x -> x.kind().name().toLowerCase(Locale.ROOT)).orElse("unknown");
      MeterLabels labels = valid(provider, a.get().appName());
      known.put(account, labels);
      return labels;
    } catch (MailtokenException e) {
      LOG.debug("no meter labels for account={}: {}", account, e.getMessage());
      return MeterLabels.UNKNOWN;
    }
  }

  private static MeterLabels valid(String provider, String app) {
    try {
      return new MeterLabels(provider, app);
    } catch (IllegalArgumentException e) {
      return new MeterLabels(provider, "unknown");
    }
  }
}
