package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.server.ServerAdmin;
import dev.mailtoken.server.apitoken.ApiToken;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailtoken api-tokens list}: ids, names, scopes, bindings, expiry, last use; never a value. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List API tokens (never their values).",
    footer = {"%nExamples:", "  mailtoken api-tokens list", "  mailtoken api-tokens list --json", ExitCode.FOOTER})
final class ApiTokensListCommand extends Verb {
  @Mixin
  JsonOption output;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      List<ApiToken> tokens = ServerAdmin.open(access.store(), main().context().clock()).apiTokens().list();
      java.time.Instant now = main().context().clock().instant();
      if (output.json) {
        ArrayNode array = JsonOutput.array();
        tokens.forEach(t -> array.add(json(t, now)));
        out().println(JsonOutput.write(array));
        return ExitCode.OK.code();
      }
      if (tokens.isEmpty()) {
        err().println("no API tokens yet; create one with: mailtoken api-tokens create --name NAME --scope SCOPE");
        return ExitCode.OK.code();
      }
      out().printf("%-17s %-20s %-9s %-28s %-24s %s%n", "ID", "NAME", "STATE", "SCOPES", "LAST USED", "ACCOUNTS");
      for (ApiToken t : tokens) {
        out().printf("%-17s %-20s %-9s %-28s %-24s %s%n", t.id(), t.name(), state(t, now),
            String.join(",", t.scopes().stream().map(Object::toString).toList()),
            t.lastUsedAt().map(Object::toString).orElse("never"),
            t.accounts().isEmpty() ? "(all)" : String.join(",", t.accounts()));
      }
      return ExitCode.OK.code();
    }
  }

  private static String state(ApiToken t, java.time.Instant now) {
    return t.revokedAt().isPresent() ? "revoked" : t.activeAt(now) ? "active" : "expired";
  }

  private static ObjectNode json(ApiToken t, java.time.Instant now) {
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
