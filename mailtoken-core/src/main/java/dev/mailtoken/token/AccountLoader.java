package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.util.Optional;

/**
 * Finds an account the manager has not been told about (for example in a credential store).
 * Called outside any lock; may be called more than once concurrently for one address, the first
 * registration wins.
 */
@FunctionalInterface
public interface AccountLoader {

  /** Knows no accounts: the default. */
  AccountLoader NONE = address -> Optional.empty();

  /** The account for {@code address}, or empty when there is none. */
  Optional<Account> load(String address) throws MailtokenException;
}
