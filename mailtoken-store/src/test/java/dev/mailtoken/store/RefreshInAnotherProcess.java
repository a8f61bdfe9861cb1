package dev.mailtoken.store;

import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.token.AccessToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * The second process of {@link SecondProcessBehaviour}: opens the store, prints {@code READY},
 * waits for a line on stdin, asks for a fresh token and prints {@code TOKEN <fingerprint>}.
 * Arguments: JDBC URL, base64 key, clock instant, account address.
 */
public final class RefreshInAnotherProcess {
  private RefreshInAnotherProcess() {
  }

  public static void main(String[] args) throws Exception {
    Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
    KeyRing keys = KeyRing.of(Base64.getDecoder().decode(args[1]));
    try (CredentialStore store = CredentialStore.open(args[0], keys, clock)) {
      OAuthClient client = OAuthClient.builder().clock(clock).build();
      System.out.println("READY");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      AccessToken token = store.freshToken(args[3], false, client);
      System.out.println("TOKEN " + token.value().fingerprint());
      System.out.flush();
    }
  }
}
