package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.KeyUsage;
import dev.mailtoken.store.RefreshState;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.store.TamperedRowException;
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
        + " wrong client secret, key problems (a key the store uses but this process lacks), rows changed without"
        + " the store key. With --smtp also Gmail 535 5.7.8 (the JSON scope), Exchange 535"
        + " 5.7.3 (audience, scope, SMTP.Send) and 5.7.139 from a live SMTP AUTH.",
        "Also checks that only you can read the key file and the database, and change the home directory.",
        "The last line counts problems and warnings. Exit code 0 when no problem was found (warnings do not"
            + " count), 3 when an account needs a person to consent again (revoked, or its grant is dead), else 1"
            + " when a problem was found; 5 when the store cannot be opened, 6 when its database cannot be reached.",
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

  /** Set when a checked account is revoked or its grant is dead: the exit code is then 3. */
  private boolean consentNeeded;

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
      if (e.isTransient()) {
        Finding.problem("store", "cannot reach the store: " + e.getMessage(), "", "check that the database is"
            + " running and reachable, then try again").print(out());
        return ExitCode.TRANSIENT.code();
      }
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
    return consentNeeded ? ExitCode.REAUTHORIZATION_REQUIRED.code()
        : problems == 0 ? ExitCode.OK.code() : ExitCode.FAILURE.code();
  }

  private void runChecks(StoreAccess access, List<Finding> findings) throws MailtokenException {
    KeyRing keys = access.store().keys();
    List<KeyUsage> usage = access.store().keyUsage();
    findings.add(Finding.ok("store", access.jdbcUrl() + " (key " + usage.get(0).keyId()
        + keys.keyFile().map(f -> " from " + f).orElse(" from MAILTOKEN_SECRET") + ")"));
    findings.addAll(PermissionCheck.check(keys.keyFile(), StoreHome.sqliteFile(access.jdbcUrl()), access.home()));
    findings.addAll(keyFindings(usage));
    List<StoredAccount> accounts = account == null ? access.store().accounts() : List.of(access.account(account));
    Set<URI> endpoints = new LinkedHashSet<>();
    for (StoredAccount a : accounts) {
      Optional<StoredApp> app;
      try {
        app = access.store().app(a.appName());
      } catch (TamperedRowException e) {
        findings.add(tampered(a.address(), e, "mailtoken apps list shows what it holds now; remove the app (and its"
            + " accounts) and add it again"));
        continue;
      }
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
      try {
        access.store().apps().forEach(app -> endpoints.add(app.tokenEndpoint()));
      } catch (TamperedRowException e) {
        findings.add(tampered("apps", e, "remove that app and add it again"));
      }
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
    } catch (TamperedRowException e) {
      out.add(tampered(a.address(), e, "mailtoken authorize --app " + app.name() + " --account " + a.address()
          + " (or mailtoken accounts remove " + a.address() + ")"));
      return out;
    } catch (MailtokenException e) {
      out.add(Finding.problem(a.address(), "its secrets cannot be decrypted: " + e.getMessage(), "",
          "set MAILTOKEN_SECRET / MAILTOKEN_SECRET_FILE to the key the store was encrypted with"));
      return out;
    }
    Diagnoses.scopes(app, a).ifPresent(out::add);
    if (a.health() == AccountHealth.REVOKED) {
      consentNeeded = true;
      out.add(Finding.problem(a.address(), "revoked: no secrets stored", "", a.kind() == GrantKind.SERVICE_ACCOUNT
          ? "mailtoken accounts remove " + a.address() + ", then mailtoken accounts add-service-account " + a.address()
              + " --app " + app.name() + " --key-file KEY.json"
          : "mailtoken authorize --app " + app.name() + " --account " + a.address()));
      return out;
    }
    Optional<Finding> fromLastError = a.lastError().flatMap(e -> Diagnoses.failureText(app, a, e, now));
    fromLastError.ifPresent(out::add);
    if (a.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
      consentNeeded = true;
      if (fromLastError.isEmpty()) {
        out.add(Finding.problem(a.address(), "reauthorization required" + a.lastError().map(e -> ": " + e)
            .orElse(""), "", "mailtoken authorize --app " + app.name() + " --account " + a.address()));
      }
      return out;
    }
    RefreshState refreshState;
    try {
      refreshState = access.store().refreshState(a.address()).orElse(RefreshState.NONE);
    } catch (MailtokenException e) {
      out.add(Finding.problem(a.address(), "its refresh state cannot be read: " + e.getMessage(), "", "try again"));
      return out;
    }
    out.addAll(Diagnoses.refreshState(app, a, refreshState, now));
    if (offline || refreshState.backingOffAt(now)) {
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
      consentNeeded |= e instanceof ReauthorizationRequiredException;
      out.add(Diagnoses.refreshFailure(app, a, e, now));
    }
    return out;
  }

  /** A key the database uses that this process lacks: the values under it cannot be read here. */
  private static List<Finding> keyFindings(List<KeyUsage> usage) {
    List<Finding> out = new ArrayList<>();
    for (KeyUsage u : usage) {
      if (!u.inKeyRing() && u.total() > 0) {
        out.add(Finding.problem("key", u.total() + " stored value(s) use key " + u.keyId() + ", which this process"
            + " does not hold", "another process rotated the key, or the key file was replaced", "set "
            + KeyRing.SECRET_FILE_VARIABLE + " to the key file that holds " + u.keyId() + " (mailtoken keys status)"));
      }
    }
    return out;
  }

  private static Finding tampered(String topic, TamperedRowException e, String todo) {
    return Finding.problem(topic, e.getMessage(), "someone with write access to the database (but not the key)"
        + " changed where its secrets would be sent or how they are used; nothing was sent", todo);
  }

  private SmtpAuthCheck smtpCheck(StoreAccess access) {
    if (smtpCheck == null) {
      smtpCheck = new SmtpAuthCheck(access.store(), main().oauthClient(), main().context().clock(),
          main().smtpTrust());
    }
    return smtpCheck;
  }
}
