package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtoken doctor [ACCOUNT]}: checks the store and key, each account's scopes, status and
 * last error, a refresh, the clock against the provider and, with {@code --smtp}, a live SMTP AUTH
 * ({@link SmtpAuthCheck}); explains each finding in plain words.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check the store, key, accounts and clock; explain what is wrong and what to do.",
    footer = {"%nRecognises: wrong scope for SMTP (gmail.send vs https://mail.google.com/), invalid_grant about 7"
        + " days after consent (Google \"Testing\" status), Microsoft 535 5.7.139 (SMTP AUTH disabled),"
        + " service-account delegation not granted (unauthorized_client), clock skew, redirect URI mismatch,"
        + " wrong client secret, key problems. With --smtp also Gmail 535 5.7.8 (the JSON scope), Exchange 535"
        + " 5.7.3 (audience, scope, SMTP.Send) and 5.7.139 from a live SMTP AUTH.",
        "Also checks that only you can read the key file and the database, and change the home directory.",
        "The last line counts problems and warnings. Exit code 0 when no problem was found (warnings do not"
            + " count), 1 otherwise, 5 when the store cannot be opened.",
        "%nExamples:", "  mailtoken doctor", "  mailtoken doctor alice@example.com --refresh",
        "  mailtoken doctor alice@example.com --smtp   # SMTP login too, sends nothing",
        ExitCode.FOOTER})
final class DoctorCommand extends Verb {
  @Parameters(index = "0", arity = "0..1", paramLabel = "ACCOUNT", description = "Check only this account.")
  String account;

  @Option(names = "--refresh", description = "Refresh the token even when the stored one is still valid.")
  boolean refresh;

  @Option(names = "--offline", description = "No network: skip the refresh and clock checks.")
  boolean offline;

  @Option(names = "--smtp", description = "Also connect to the app's SMTP server and authenticate as the account"
      + " (XOAUTH2); nothing is sent.")
  boolean smtp;

  /** Built on the first account that gets an SMTP check; closed with the store. */
  private SmtpAuthCheck smtpCheck;

  @Override
  int execute() throws Exception {
    if (smtp && offline) {
      throw new CliException(ExitCode.USAGE, "--smtp needs the network; use one of --smtp and --offline");
    }
    List<Finding> findings = new ArrayList<>();
    StoreAccess access;
    try {
      access = main().openStore(err());
    } catch (MailtokenException e) {
      Finding.problem("store", "cannot open the store: " + e.getMessage(), "", "fix the setting the message names"
          + " (MAILTOKEN_HOME, MAILTOKEN_DB, MAILTOKEN_SECRET / MAILTOKEN_SECRET_FILE)").print(out());
      return ExitCode.CONFIGURATION.code();
    }
    try (access) {
      runChecks(access, findings);
    } finally {
      if (smtpCheck != null) {
        smtpCheck.close();
      }
    }
    findings.forEach(f -> f.print(out()));
    long problems = findings.stream().filter(f -> f.level() == Finding.Level.PROBLEM).count();
    long warnings = findings.stream().filter(f -> f.level() == Finding.Level.WARNING).count();
    out().println(problems > 0 ? problems + " problem(s), " + warnings + " warning(s) found"
        : warnings > 0 ? "no problems, " + warnings + " warning(s)" : "no problems found");
    return problems == 0 ? ExitCode.OK.code() : ExitCode.FAILURE.code();
  }

  private void runChecks(StoreAccess access, List<Finding> findings) throws MailtokenException {
    KeyRing keys = access.store().keys();
    findings.add(Finding.ok("store", access.jdbcUrl() + " (key " + keys.currentKeyId()
        + keys.keyFile().map(f -> " from " + f).orElse(" from MAILTOKEN_SECRET") + ")"));
    findings.addAll(PermissionCheck.check(keys.keyFile(), StoreHome.sqliteFile(access.jdbcUrl()), access.home()));
    List<StoredAccount> accounts = account == null ? access.store().accounts() : List.of(access.account(account));
    Set<URI> endpoints = new LinkedHashSet<>();
    for (StoredAccount a : accounts) {
      Optional<StoredApp> app = access.store().app(a.appName());
      if (app.isEmpty()) {
        findings.add(Finding.problem(a.address(), "its app " + a.appName() + " is missing", "",
            "add the app again: mailtoken apps add " + a.appName() + " ..."));
        continue;
      }
      endpoints.add(app.get().tokenEndpoint());
      findings.addAll(checkAccount(access, app.get(), a));
    }
    if (accounts.isEmpty()) {
      findings.add(Finding.warning("accounts", "none stored", "", "mailtoken authorize --app APP"));
      access.store().apps().forEach(app -> endpoints.add(app.tokenEndpoint()));
    }
    if (!offline) {
      ClockSkewCheck clock = new ClockSkewCheck(main().context().clock());
      endpoints.forEach(uri -> findings.add(clock.check(uri)));
    }
  }

  private List<Finding> checkAccount(StoreAccess access, StoredApp app, StoredAccount a) {
    List<Finding> out = new ArrayList<>();
    Instant now = main().context().clock().instant();
    try {
      access.store().secrets(a.address());
    } catch (MailtokenException e) {
      out.add(Finding.problem(a.address(), "its secrets cannot be decrypted: " + e.getMessage(), "",
          "set MAILTOKEN_SECRET / MAILTOKEN_SECRET_FILE to the key the store was encrypted with"));
      return out;
    }
    Diagnoses.scopes(app, a).ifPresent(out::add);
    if (a.health() == AccountHealth.REVOKED) {
      out.add(Finding.warning(a.address(), "revoked: no secrets stored", "", a.kind() == GrantKind.SERVICE_ACCOUNT
          ? "mailtoken accounts remove " + a.address() + ", then mailtoken accounts add-service-account " + a.address()
              + " --app " + app.name() + " --key-file KEY.json"
          : "mailtoken authorize --app " + app.name() + " --account " + a.address()));
      return out;
    }
    Optional<Finding> fromLastError = a.lastError().flatMap(e -> Diagnoses.failureText(app, a, e, now));
    fromLastError.ifPresent(out::add);
    if (a.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
      if (fromLastError.isEmpty()) {
        out.add(Finding.problem(a.address(), "reauthorization required" + a.lastError().map(e -> ": " + e)
            .orElse(""), "", "mailtoken authorize --app " + app.name() + " --account " + a.address()));
      }
      return out;
    }
    if (offline) {
      return out;
    }
    try {
      Optional<?> cached = refresh ? Optional.empty()
          : access.store().cachedAccessToken(a.address(), TokenCommand.MIN_REMAINING);
      if (cached.isPresent()) {
        out.add(Finding.ok(a.address(), "stored access token expires " + AccountView.expiry(a)
            + " (use --refresh to test the refresh)"));
      } else {
        access.store().freshToken(a.address(), refresh, main().oauthClient());
        out.add(Finding.ok(a.address(), "refresh works"));
      }
      if (smtp) {
        out.add(smtpCheck(access).check(app, a));
      }
    } catch (MailtokenException e) {
      out.add(Diagnoses.refreshFailure(app, a, e, now));
    }
    return out;
  }

  private SmtpAuthCheck smtpCheck(StoreAccess access) {
    if (smtpCheck == null) {
      smtpCheck = new SmtpAuthCheck(access.store(), main().oauthClient(), main().context().clock(),
          main().context().smtpTrust());
    }
    return smtpCheck;
  }
}
