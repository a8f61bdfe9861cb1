package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import dev.mailtoken.token.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * One {@code accounts} row as read: the public part, the secret columns still encrypted, and the
 * row's seal. Decryption happens only on request, with the AAD {@code accounts/<column>/<address>},
 * and only after the row MAC was checked: no secret leaves a row whose app, grant kind, subject
 * or scopes were changed without the key.
 */
record AccountRow(
    StoredAccount account,
    Optional<String> refreshToken,
    Optional<String> serviceAccountKey,
    Optional<String> fixedToken,
    Optional<String> accessToken,
    List<String> accessTokenScopes,
    RowSeal seal) {

  static final String TABLE = "accounts";
  static final String REFRESH_TOKEN = "refresh_token";
  static final String SERVICE_ACCOUNT_KEY = "service_account_key";
  static final String FIXED_TOKEN = "fixed_token";
  static final String ACCESS_TOKEN = "access_token";
  /** The secret columns, for key rotation. */
  static final List<String> SECRET_COLUMNS = List.of(REFRESH_TOKEN, SERVICE_ACCOUNT_KEY, FIXED_TOKEN, ACCESS_TOKEN);

  String address() {
    return account.address();
  }

  long version() {
    return account.version();
  }

  /** @throws TamperedRowException when the row was changed without the key */
  void verify(FieldCipher cipher) throws ConfigurationException {
    seal.verify(cipher);
  }

  Optional<Secret> refreshToken(FieldCipher cipher) throws ConfigurationException {
    return decrypt(cipher, REFRESH_TOKEN, refreshToken);
  }

  Optional<Secret> serviceAccountKey(FieldCipher cipher) throws ConfigurationException {
    return decrypt(cipher, SERVICE_ACCOUNT_KEY, serviceAccountKey);
  }

  Optional<Secret> fixedToken(FieldCipher cipher) throws ConfigurationException {
    return decrypt(cipher, FIXED_TOKEN, fixedToken);
  }

  /** The stored access token (for a fixed-token account: the fixed token) with its expiry. */
  Optional<AccessToken> accessToken(FieldCipher cipher) throws ConfigurationException {
    Optional<Secret> value = decrypt(cipher, ACCESS_TOKEN, accessToken);
    if (value.isEmpty() && account.kind() == GrantKind.FIXED_TOKEN) {
      value = fixedToken(cipher);
    }
    return value.map(v -> new AccessToken(v, account.accessTokenExpiresAt(), new HashSet<>(accessTokenScopes)));
  }

  AccountSecrets secrets(FieldCipher cipher) throws ConfigurationException {
    return new AccountSecrets(address(), refreshToken(cipher), serviceAccountKey(cipher), fixedToken(cipher),
        accessToken(cipher));
  }

  /** True when the stored access token's expiry is unknown or at least {@code minRemaining} away. */
  static boolean usable(AccessToken token, Instant now, Duration minRemaining) {
    return token.expiresAt().map(e -> !e.minus(minRemaining).isBefore(now)).orElse(true);
  }

  private Optional<Secret> decrypt(FieldCipher cipher, String column, Optional<String> stored)
      throws ConfigurationException {
    verify(cipher);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Secret.of(cipher.decrypt(TABLE, column, address(), stored.get())));
  }
}
