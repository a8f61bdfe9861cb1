package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.IdTokenClaims;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.TokenResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.Optional;

/**
 * Names the mailbox that just consented, in this order: the ID token's {@code email} claim; for
 * Microsoft, the ID token's {@code preferred_username} (the UPN, usually the mailbox address, as
 * work accounts often have no {@code email} claim); the userinfo endpoint's {@code email}; the
 * {@code --account} the user gave. Says on stderr which one it used.
 *
 * <p>Not thread-safe (writes to one stream). Fails with a {@link CliException} (usage) when no
 * source names the mailbox, and with core's {@link ConfigurationException} when the userinfo
 * endpoint breaks the HTTP policy (plain http off loopback: nothing is sent).
 */
final class ConsentedMailbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OAuthClient client;
  private final PrintWriter err;

  ConsentedMailbox(OAuthClient client, PrintWriter err) {
    this.client = client;
    this.err = err;
  }

  /** @throws ConfigurationException when the userinfo endpoint may not receive the access token */
  String address(App app, TokenResponse tokens, Optional<String> expected) throws MailtokenException {
    Optional<String> email = tokens.idTokenClaims().flatMap(IdTokenClaims::email);
    if (email.isPresent()) {
      return confirmed(email.get(), "the ID token's email claim", expected);
    }
    Optional<String> upn = app.provider().name().equals("microsoft") ? preferredUsername(tokens) : Optional.empty();
    if (upn.isPresent()) {
      return fromPreferredUsername(upn.get(), expected);
    }
    Optional<String> fromUserinfo = userinfo(app, tokens);
    if (fromUserinfo.isPresent()) {
      return confirmed(fromUserinfo.get(), "the userinfo endpoint's email", expected);
    }
    String address = expected.orElseThrow(() -> new CliException(ExitCode.USAGE, app.provider().name()
        + " did not say which mailbox consented (no email or preferred_username in the ID token, no email from"
        + " userinfo); nothing was stored", "run again with --account user@example.com"));
    err.println("mailbox " + address + " (from --account)");
    return address;
  }

  /** An address the provider asserts wins over {@code --account}: that is who consented. */
  private String confirmed(String address, String source, Optional<String> expected) {
    err.println("mailbox " + address + " (from " + source + ")");
    if (expected.isPresent() && !expected.get().equalsIgnoreCase(address)) {
      err.println("note: you consented as " + address + ", not " + expected.get()
          + "; the account is stored as " + address);
    }
    return address;
  }

  /**
   * The UPN is a sign-in name that can differ from the mailbox address (alice@contoso.onmicrosoft.com
   * for alice@contoso.com), so an explicit {@code --account} wins over it.
   */
  private String fromPreferredUsername(String upn, Optional<String> expected) {
    if (expected.isPresent() && !expected.get().equalsIgnoreCase(upn)) {
      err.println("mailbox " + expected.get() + " (from --account; the ID token has no email claim and its"
          + " preferred_username, the sign-in name, is " + upn + ")");
      return expected.get();
    }
    err.println("mailbox " + upn + " (from the ID token's preferred_username claim: there is no email claim;"
        + " if the mailbox address differs from this sign-in name, authorize again with --account ADDR)");
    return upn;
  }

  /** IdTokenClaims reads email, sub and iss only; Microsoft's UPN is in preferred_username. */
  private static Optional<String> preferredUsername(TokenResponse tokens) {
    return tokens.idToken().flatMap(jwt -> {
      String[] parts = jwt.split("\\.");
      if (parts.length < 2) {
        return Optional.empty();
      }
      try {
        JsonNode claim = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("preferred_username");
        // An address-like UPN only: a bare user name would not name a mailbox.
        return claim.isTextual() && claim.asText().contains("@") ? Optional.of(claim.asText()) : Optional.empty();
      } catch (IOException | IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * Core asks the endpoint under its HTTP policy. A refused endpoint (plain http off loopback) stops
   * the run; any other failure only means the userinfo endpoint cannot name the mailbox.
   */
  private Optional<String> userinfo(App app, TokenResponse tokens) throws MailtokenException {
    try {
      return client.userinfoEmail(app.provider(), tokens.accessToken());
    } catch (ConfigurationException e) {
      throw e;
    } catch (MailtokenException e) {
      err.println("note: the userinfo endpoint did not name the mailbox: " + e.getMessage());
      return Optional.empty();
    }
  }
}
