package dev.mailtoken.store;

import dev.mailtoken.oauth.OAuthClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A second process for key-rotation tests: opens the store with the keys of a key file as they are
 * now, prints {@code READY}, then runs one command per stdin line and answers on stdout:
 * {@code renew ADDRESS} (a refresh, printing {@code TOKEN <fingerprint>}) or {@code rotate}
 * (printing {@code ROTATED <key id>}); a failure prints {@code ERROR <class>}.
 * Arguments: JDBC URL, key file, clock instant.
 */
public final class StoreInAnotherProcess {
  private StoreInAnotherProcess() {
  }

  public static void main(String[] args) throws Exception {
    Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
    Path keyFile = Path.of(args[1]);
    try (CredentialStore store = CredentialStore.open(args[0], KeyRing.readFile(keyFile), clock)) {
      OAuthClient client = OAuthClient.builder().clock(clock).build();
      System.out.println("READY");
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        try {
          if (line.startsWith("renew ")) {
            System.out.println("TOKEN " + store.freshToken(line.substring(6), true, client).value().fingerprint());
          } else if (line.equals("rotate")) {
            System.out.println("ROTATED " + store.rotateKeyFile(keyFile).currentKeyId());
          }
        } catch (Exception e) {
          System.out.println("ERROR " + e.getClass().getSimpleName());
        }
        System.out.flush();
      }
    }
  }
}
