package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.token.AccessToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The second process of {@link SecondProcessBehaviour} and friends: opens the store, prints
 * {@code READY}, waits for a line on stdin, asks for a fresh token and prints
 * {@code TOKEN <fingerprint> <elapsed ms>} or {@code FAILED <exception class> <elapsed ms> <message>},
 * then closes the store (which waits for a late answer) and prints {@code CLOSED}. Arguments: JDBC
 * URL, base64 key, clock instant (the clock starts there and ticks), account address, and
 * optionally the request timeout, completion timeout and lock wait in milliseconds.
 */
public final class RefreshInAnotherProcess {
  private RefreshInAnotherProcess() {
  }

  public static void main(String[] args) throws Exception {
    Instant start = Instant.parse(args[2]);
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    KeyRing keys = KeyRing.of(Base64.getDecoder().decode(args[1]));
    StoreOptions options = args.length > 6
        ? StoreOptions.builder().lockWait(Duration.ofMillis(Long.parseLong(args[6]))).build() : StoreOptions.defaults();
    OAuthClient client = args.length > 5 ? OAuthClient.builder().clock(clock)
        .requestTimeout(Duration.ofMillis(Long.parseLong(args[4])))
        .completionTimeout(Duration.ofMillis(Long.parseLong(args[5]))).build()
        : OAuthClient.builder().clock(clock).build();
    try (CredentialStore store = CredentialStore.open(args[0], keys, clock, options)) {
      System.out.println("READY");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      long begin = System.nanoTime();
      try {
        AccessToken token = store.freshToken(args[3], false, client);
        System.out.println("TOKEN " + token.value().fingerprint() + " " + elapsed(begin));
      } catch (MailtokenException e) {
        System.out.println("FAILED " + e.getClass().getSimpleName() + " " + elapsed(begin) + " " + e.getMessage());
      }
      System.out.flush();
    }
    System.out.println("CLOSED");
    System.out.flush();
  }

  private static long elapsed(long begin) {
    return (System.nanoTime() - begin) / 1_000_000;
  }
}
