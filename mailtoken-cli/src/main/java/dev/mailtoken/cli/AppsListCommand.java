package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.store.StoredApp;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mailtoken apps list}: the apps with their SMTP server and its security and SASL choices,
 * client secrets shown as fingerprints only.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the apps (secrets as fingerprints).",
    footer = {"%nExamples:", "  mailtoken apps list", "  mailtoken apps list --json", ExitCode.FOOTER})
final class AppsListCommand extends Verb {
  @Mixin
  JsonOption output;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      List<StoredApp> apps = access.store().apps();
      if (output.json) {
        ArrayNode array = JsonOutput.array();
        for (StoredApp app : apps) {
          ObjectNode n = array.addObject();
          n.put("name", app.name());
          n.put("provider", app.kind().name().toLowerCase(java.util.Locale.ROOT));
          JsonOutput.put(n, "tenant", app.tenant());
          n.put("client_id", app.clientId());
          JsonOutput.put(n, "client_secret_fingerprint", app.clientSecret().map(s -> s.fingerprint()));
          n.put("token_endpoint", app.tokenEndpoint().toString());
          JsonOutput.put(n, "authorization_endpoint", app.authorizationEndpoint());
          JsonOutput.put(n, "revocation_endpoint", app.revocationEndpoint());
          JsonOutput.put(n, "device_authorization_endpoint", app.deviceAuthorizationEndpoint());
          n.putPOJO("scopes", app.scopes());
          JsonOutput.put(n, "smtp_host", app.smtpHost());
          n.put("smtp_port", app.smtpPort());
          JsonOutput.put(n, "smtp_security", app.smtpSecurity());
          JsonOutput.put(n, "sasl", app.sasl());
        }
        out().println(JsonOutput.write(array));
        return ExitCode.OK.code();
      }
      if (apps.isEmpty()) {
        err().println("no apps yet; add one with: mailtoken apps add NAME --provider google --client-id ID");
        return ExitCode.OK.code();
      }
      out().printf("%-16s %-10s %-40s %-10s %-36s %s%n", "NAME", "PROVIDER", "CLIENT ID", "SECRET", "SMTP",
          "SCOPES");
      for (StoredApp app : apps) {
        out().printf("%-16s %-10s %-40s %-10s %-36s %s%n", app.name(),
            app.kind().name().toLowerCase(java.util.Locale.ROOT) + app.tenant().map(t -> ":" + t).orElse(""),
            app.clientId(), app.clientSecret().map(s -> s.fingerprint()).orElse("(public)"), smtp(app),
            String.join(" ", app.scopes()));
      }
      return ExitCode.OK.code();
    }
  }

  /** "host:port", then the app's security mode and SASL mechanism when it has them ("-" without SMTP). */
  private static String smtp(StoredApp app) {
    return app.smtpHost().map(h -> h + ":" + app.smtpPort() + app.smtpSecurity().map(v -> " " + v).orElse("")
        + app.sasl().map(v -> " " + v).orElse("")).orElse("-");
  }
}
