package dev.mailtoken.server.web;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an API token (or a logged-in admin) may do. {@link #ADMIN} may do everything; every other
 * scope allows one kind of call. The wire names ({@link #wireName()}) appear in the API, the CLI
 * and {@code WWW-Authenticate} challenges.
 */
public enum Scope {
  /** Everything, including creating API tokens and apps. */
  ADMIN("admin"),
  /** List and read accounts and their events. */
  ACCOUNTS_READ("accounts:read"),
  /** Create connect links. */
  CONNECT("connect"),
  /** Get an account's access token. */
  TOKEN("token"),
  /** Send mail through the HTTP API. */
  SEND("send"),
  /** Authenticate to the SMTP gateway. */
  SMTP("smtp"),
  /** Read {@code /metrics}. */
  METRICS("metrics");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON, the CLI and challenges, e.g. {@code accounts:read}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }

  /** The scope with this wire name. */
  public static Optional<Scope> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }

  /** Every wire name, comma separated: for error messages. */
  public static String allWireNames() {
    return String.join(", ", Arrays.stream(values()).map(Scope::wireName).toList());
  }
}
