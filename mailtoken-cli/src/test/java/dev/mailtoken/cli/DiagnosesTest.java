package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The explanations for failures that need a real tenant or Workspace to reproduce end to end. */
class DiagnosesTest {
  static final Instant NOW = Instant.parse("2031-05-17T09:13:27.123Z");

  @Test
  void givenSmtpAuthDisabledError_whenExplained_thenNamesSetCasMailboxAndGraph() {
    Finding f = Diagnoses.failureText(app(ProviderKind.MICROSOFT), account(GrantKind.REFRESH_TOKEN),
        "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", NOW)
        .orElseThrow();

    assertThat(f.level()).isEqualTo(Finding.Level.PROBLEM);
    assertThat(f.todo()).contains("Set-CASMailbox", "--transport graph");
  }

  @Test
  void givenUnauthorizedClientForServiceAccount_whenExplained_thenNamesDomainWideDelegation() {
    Finding f = Diagnoses.failureText(app(ProviderKind.GOOGLE), account(GrantKind.SERVICE_ACCOUNT),
        "unauthorized_client (HTTP 401): Client is unauthorized to retrieve access tokens using this method", NOW)
        .orElseThrow();

    assertThat(f.why()).contains("domain-wide delegation");
    assertThat(f.todo()).contains("admin.google.com");
  }

  @Test
  void givenRedirectUriMismatch_whenExplained_thenNamesDesktopClientType() {
    Finding f = Diagnoses.failureText(app(ProviderKind.GOOGLE), account(GrantKind.REFRESH_TOKEN),
        "redirect_uri_mismatch", NOW).orElseThrow();

    assertThat(f.todo()).contains("Desktop app", "Mobile and desktop");
  }

  @Test
  void givenUnrelatedText_whenExplained_thenNothing() {
    assertThat(Diagnoses.failureText(app(ProviderKind.GOOGLE), account(GrantKind.REFRESH_TOKEN), "all fine", NOW))
        .isEmpty();
  }

  private static StoredApp app(ProviderKind kind) {
    OAuthProvider p = kind == ProviderKind.MICROSOFT ? OAuthProvider.microsoft("contoso.onmicrosoft.com") : OAuthProvider.google();
    return new StoredApp("app", kind, Optional.empty(), p.issuer(), p.tokenEndpoint(), p.authorizationEndpoint(),
        p.revocationEndpoint(), p.userinfoEndpoint(), "client", Optional.empty(), Optional.empty(), p.defaultScopes(),
        p.smtpHost(), p.smtpPort());
  }

  private static StoredAccount account(GrantKind kind) {
    return new StoredAccount("alice@example.com", "app", kind, Optional.empty(), List.of("https://mail.google.com/"),
        AccountHealth.HEALTHY, Optional.empty(), Optional.empty(), Optional.empty(), NOW.minusSeconds(3600), NOW, 1,
        true, false);
  }
}
