package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.ServiceAccountKey;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.AccessToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtoken accounts add-service-account ADDRESS --app NAME --key-file F}: a 2-legged account.
 * A Google service-account JSON key signs a JWT (RFC 7523) that impersonates ADDRESS (domain-wide
 * delegation). The key is checked by getting one token before anything is stored; a refusal stores
 * nothing and says what the Workspace admin must grant.
 */
@Command(name = "add-service-account", mixinStandardHelpOptions = true,
    description = "Add a mailbox that a service account sends as (Google Workspace domain-wide delegation); the key"
        + " is checked by getting one token.",
    footer = {"%nThe account is stored under ADDRESS and the key impersonates ADDRESS (the JWT's",
        "sub). The key file is the JSON the Cloud console downloads (IAM & Admin >",
        "Service accounts > Keys > Add key > JSON); it is stored encrypted. The app",
        "only names the provider and the SMTP server, e.g.:",
        "  mailtoken apps add ws --provider google --client-id SA_CLIENT_ID --public",
        "%nA Workspace admin must first grant the service account's client id the scope",
        "  https://mail.google.com/",
        "at admin.google.com > Security > Access and data control > API controls >",
        "Manage domain-wide delegation. Otherwise Google answers unauthorized_client",
        "and nothing is stored.",
        "%nExamples:",
        "  mailtoken accounts add-service-account noreply@example.com \\",
        "      --app ws --key-file sa-key.json",
        "  mailtoken accounts add-service-account alerts@example.com \\",
        "      --app ws --key-env GOOGLE_KEY_JSON",
        ExitCode.FOOTER})
final class AccountsAddServiceAccountCommand extends Verb {
  /** Scopes that belong to user sign-in, never to a JWT-bearer token request. */
  private static final Set<String> SIGN_IN_SCOPES = Set.of("openid", "email", "profile", "offline_access");

  @Parameters(index = "0", paramLabel = "ADDRESS", description = "The mailbox to send as (the delegation subject).")
  String address;

  @Option(names = "--app", required = true, paramLabel = "NAME", description = "The app naming the provider and"
      + " SMTP server.")
  String app;

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeySource key;

  static final class KeySource {
    @Option(names = "--key-file", paramLabel = "FILE", description = "The service account's JSON key file.")
    Path file;

    @Option(names = "--key-env", paramLabel = "VAR", description = "Read the JSON key from $VAR (CI secrets).")
    String env;
  }

  @Option(names = "--scope", paramLabel = "SCOPE", description = "Scope to ask for (repeatable); default the"
      + " app's mail scope.")
  List<String> scopes;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      StoredApp storedApp = access.app(app);
      if (access.store().account(address).isPresent()) {
        throw new CliException(ExitCode.CONFIGURATION, "account " + address + " already exists",
            "remove it first: mailtoken accounts remove " + address);
      }
      Secret json = readKey();
      ServiceAccountKey parsed = parse(json);
      // Google's keys name Google's audience; another provider checks its own token endpoint (RFC 7523 §3).
      ServiceAccountKey signer = storedApp.kind() == ProviderKind.GOOGLE ? parsed
          : parsed.withAudience(storedApp.tokenEndpoint().toString());
      List<String> asked = scopes != null && !scopes.isEmpty() ? List.copyOf(scopes)
          : storedApp.scopes().stream().filter(s -> !SIGN_IN_SCOPES.contains(s)).toList();
      TokenResponse first = firstToken(signer, asked, json);
      AccessToken token = new AccessToken(first.accessToken(), first.expiresAt(), first.scopes());
      access.store().putAccount(new NewAccount(address, app, GrantKind.SERVICE_ACCOUNT, Optional.empty(),
          Optional.of(json), Optional.of(address), Optional.empty(), asked, Optional.of(token)));
      out().println("added " + address + " (app " + app + ", service account " + parsed.clientEmail()
          + " acting as " + address + ", token works, scopes " + String.join(" ", asked) + ")");
      err().println("try: mailtoken send --from " + address + " --to you@example.com --subject test --text hi");
      return ExitCode.OK.code();
    }
  }

  private Secret readKey() {
    if (key.file != null) {
      try {
        return Secret.of(Files.readString(key.file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CliException(ExitCode.USAGE, "cannot read the key file " + key.file + ": " + e.getMessage());
      }
    }
    String value = main().context().env().get(key.env);
    if (value == null || value.isBlank()) {
      throw new CliException(ExitCode.USAGE, "environment variable " + key.env + " (the JSON key) is not set or"
          + " empty");
    }
    return Secret.of(value);
  }

  private ServiceAccountKey parse(Secret json) {
    try {
      return ServiceAccountKey.fromJson(json.reveal());
    } catch (IllegalArgumentException e) {
      // The parser's messages name fields, never their values.
      throw new CliException(ExitCode.CONFIGURATION, (key.file != null ? key.file + ": " : "") + e.getMessage(),
          "download a JSON key: Cloud console > IAM & Admin > Service accounts > (account) > Keys > Add key > JSON");
    }
  }

  private TokenResponse firstToken(ServiceAccountKey signer, List<String> asked, Secret json)
      throws MailtokenException {
    try {
      return main().oauthClient().jwtBearer(signer, address, asked);
    } catch (ReauthorizationRequiredException e) {
      // invalid_grant for an assertion: the key was deleted or disabled, or the clock is off (not a consent matter).
      throw new CliException(ExitCode.CONFIGURATION, "the provider refused the service-account key: "
          + e.getMessage() + "; nothing was stored", "check that the key still exists and is enabled in the Cloud"
          + " console, and the clock (mailtoken doctor); or download a new key");
    } catch (MailtokenException e) {
      String text = (e.getMessage() + " " + e.oauthError().map(o -> o.summary()).orElse("")).toLowerCase();
      if (!text.contains("unauthorized_client")) {
        throw e;
      }
      Finding f = Diagnoses.delegationNotGranted(address, clientId(json), asked);
      throw new CliException(ExitCode.CONFIGURATION, f.what() + " to act as " + address + ": " + f.why()
          + "; nothing was stored", f.todo() + ", then run this again");
    }
  }

  /** The key file's numeric {@code client_id}, which the delegation page asks for. */
  private static String clientId(Secret json) {
    try {
      JsonNode id = new ObjectMapper().readTree(json.reveal()).path("client_id");
      return id.isTextual() || id.isNumber() ? id.asText() : "(the key file's client_id)";
    } catch (IOException e) {
      return "(the key file's client_id)";
    }
  }
}
