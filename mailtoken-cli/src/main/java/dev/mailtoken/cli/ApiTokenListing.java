package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.ServerAdmin;
import dev.mailtoken.server.apitoken.ApiToken;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * What {@code mailtoken api-tokens list} prints: a table or JSON, never a token's value. Apart
 * from the command class so picocli's model of the command line loads no server class.
 */
final class ApiTokenListing {
  private ApiTokenListing() {
  }

  static int print(Main main, PrintWriter out, PrintWriter err, boolean json) throws MailtokenException {
    try (StoreAccess access = main.openStore(err)) {
      List<ApiToken> tokens = ServerAdmin.open(access.store(), main.context().clock()).apiTokens().list();
      Instant now = main.context().clock().instant();
      if (json) {
        ArrayNode array = JsonOutput.array();
        tokens.forEach(t -> array.add(json(t, now)));
        out.println(JsonOutput.write(array));
        return ExitCode.OK.code();
      }
      if (tokens.isEmpty()) {
        err.println("no API tokens yet; create one with: mailtoken api-tokens create --name NAME --scope SCOPE");
        return ExitCode.OK.code();
      }
      out.printf("%-17s %-20s %-9s %-28s %-24s %s%n", "ID", "NAME", "STATE", "SCOPES", "LAST USED", "ACCOUNTS");
      for (ApiToken t : tokens) {
        out.printf("%-17s %-20s %-9s %-28s %-24s %s%n", t.id(), t.name(), state(t, now),
            String.join(",", t.scopes().stream().map(Object::toString).toList()),
            t.lastUsedAt().map(Object::toString).orElse("never"),
            t.accounts().isEmpty() ? "(all)" : String.join(",", t.accounts()));
      }
      return ExitCode.OK.code();
    }
  }

  private static String state(ApiToken t, Instant now) {
    return t.revokedAt().isPresent() ? "revoked" : t.activeAt(now) ? "active" : "expired";
  }

  private static ObjectNode json(ApiToken t, Instant now) {
    ObjectNode n = JsonOutput.object();
    n.put("id", t.id());
    n.put("name", t.name());
    n.put("state", state(t, now));
    ArrayNode scopes = n.putArray("scopes");
    t.scopes().forEach(s -> scopes.add(s.wireName()));
    ArrayNode accounts = n.putArray("accounts");
    t.accounts().forEach(accounts::add);
    n.put("createdAt", t.createdAt().toString());
    n.put("createdBy", t.createdBy());
    JsonOutput.put(n, "expiresAt", t.expiresAt());
    JsonOutput.put(n, "lastUsedAt", t.lastUsedAt());
    JsonOutput.put(n, "revokedAt", t.revokedAt());
    return n;
  }
}
