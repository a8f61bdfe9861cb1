package dev.mailtoken.cli;

import dev.mailtoken.mail.GraphApi;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What a transport needs consented at a provider ({@code authorize --also}), whether an account has
 * it, and the exact commands that get it. Microsoft issues a token for one resource per request
 * (Outlook SMTP, Graph) and one refresh token serves every resource consented to; the account's own
 * token is the first resource's, so SMTP's scope comes first. Google's one token covers SMTP and
 * the Gmail API. Stateless.
 */
final class ResourceConsent {
  static final String MICROSOFT_SMTP = "https://outlook.office.com/SMTP.Send";
  static final String GOOGLE_MAIL = "https://mail.google.com/";

  private ResourceConsent() {
  }

  /**
   * The scopes to ask consent for: the app's, with what each of {@code also} needs and the app
   * lacks (Microsoft's SMTP scope in front, so the account's own token stays SMTP's).
   *
   * @throws CliException (usage) for a transport the app's provider does not serve
   */
  static List<String> consentScopes(StoredApp app, List<StoreBackedSender.Kind> also) {
    List<String> scopes = new ArrayList<>(app.scopes());
    for (StoreBackedSender.Kind kind : also) {
      String needed = needed(app, kind);
      boolean covered = kind == StoreBackedSender.Kind.GRAPH ? consentedToGraph(scopes)
          : kind == StoreBackedSender.Kind.GMAIL_API ? scopes.stream().anyMatch(ResourceConsent::gmailSend)
          : scopes.stream().anyMatch(s -> s.equalsIgnoreCase(needed));
      if (!covered) {
        scopes.add(app.kind() == ProviderKind.MICROSOFT && kind == StoreBackedSender.Kind.SMTP ? 0 : scopes.size(),
            needed);
      }
    }
    return scopes;
  }

  private static String needed(StoredApp app, StoreBackedSender.Kind kind) {
    String name = TransportConverter.name(kind);
    if (app.kind() == ProviderKind.MICROSOFT && kind != StoreBackedSender.Kind.GMAIL_API) {
      return kind == StoreBackedSender.Kind.GRAPH ? GraphApi.MAIL_SEND : MICROSOFT_SMTP;
    }
    if (app.kind() == ProviderKind.GOOGLE && kind != StoreBackedSender.Kind.GRAPH) {
      return GOOGLE_MAIL;
    }
    throw new CliException(ExitCode.USAGE, "--also " + name + " does not apply to app " + app.name() + " ("
        + app.kind().name().toLowerCase(Locale.ROOT) + "): " + (kind == StoreBackedSender.Kind.GRAPH
            ? "graph is Microsoft Graph" : kind == StoreBackedSender.Kind.GMAIL_API ? "gmail-api is Google's"
            : "only Google and Microsoft apps know which scopes SMTP needs"),
        "leave out --also; for another provider, give the app the scopes it needs (apps add ... --scope S)");
  }

  /** True when {@code scopes} hold Graph's {@code Mail.Send} (bare, as Microsoft reports it, or in full). */
  static boolean consentedToGraph(Collection<String> scopes) {
    return scopes.stream().anyMatch(s -> s.equalsIgnoreCase("Mail.Send") || s.equalsIgnoreCase(GraphApi.MAIL_SEND));
  }

  private static boolean gmailSend(String scope) {
    return scope.equals(GOOGLE_MAIL) || scope.endsWith("/gmail.send") || scope.endsWith("/gmail.compose")
        || scope.endsWith("/gmail.modify");
  }

  /**
   * For Microsoft: true when the consented scopes name Graph's {@code Mail.Send} but the account's
   * own token is another resource's (SMTP first), so Graph needs a token of its own.
   */
  static boolean graphIsExtra(StoredApp app, List<String> consented) {
    return app.kind() == ProviderKind.MICROSOFT && consentedToGraph(consented) && !consentedToGraph(
        consented.stream().filter(s -> !s.equals("offline_access") && !s.equals("openid") && !s.equals("email")
            && !s.equals("profile")).limit(1).toList());
  }

  /**
   * The commands that move a Microsoft mailbox whose SMTP AUTH is disabled ({@code 5.7.139}) to
   * Graph: consent to Graph when the account lacks it, then make Graph its default transport.
   */
  static String graphSteps(StoredApp app, StoredAccount account) {
    String address = account.address();
    String setDefault = "mailtoken accounts set " + address + " --transport graph";
    if (consentedToGraph(account.grantedScopes())) {
      return "send over Graph instead: add --transport graph, or make Graph this account's default: " + setDefault;
    }
    return "send over Graph instead: mailtoken authorize --app " + app.name() + " --account " + address
        + " --also graph (consent to Graph's Mail.Send too), then " + setDefault
        + "; or an Exchange admin enables SMTP AUTH: Set-CASMailbox -Identity " + address
        + " -SmtpClientAuthenticationDisabled $false";
  }
}
