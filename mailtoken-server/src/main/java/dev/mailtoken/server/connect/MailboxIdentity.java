package dev.mailtoken.server.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.IdTokenClaims;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.TokenResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the mailbox that just consented, as the CLI's {@code authorize} does, in this order: the ID
 * token's {@code email} claim; for Microsoft the ID token's {@code preferred_username} when it is
 * an address (work accounts often have no {@code email} claim); the userinfo endpoint's
 * {@code email} (asked through core's {@link OAuthClient#userinfoEmail}, under its HTTP policy).
 * Unlike the CLI there is no fallback to a name the user typed: a web consent that names no
 * mailbox is refused. Stateless; thread-safe.
 */
final class MailboxIdentity {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxIdentity.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param address the mailbox
   * @param source where it came from, for the page and the log
   */
  record Found(String address, String source) {
    Found {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(source, "source");
    }
  }

  private MailboxIdentity() {
  }

  /**
   * @throws ConfigurationException when the userinfo endpoint is refused by the HTTP policy
   */
  static Optional<Found> of(App app, TokenResponse tokens, OAuthClient client) throws MailtokenException {
    Optional<String> email = tokens.idTokenClaims().flatMap(IdTokenClaims::email).filter(e -> e.contains("@"));
    if (email.isPresent()) {
      return Optional.of(new Found(email.get(), "the ID token's email claim"));
    }
    if (app.provider().name().equals("microsoft")) {
      Optional<String> upn = preferredUsername(tokens);
      if (upn.isPresent()) {
        return Optional.of(new Found(upn.get(), "the ID token's preferred_username (the sign-in name)"));
      }
    }
    try {
      return client.userinfoEmail(app.provider(), tokens.accessToken()).filter(e -> e.contains("@"))
          .map(e -> new Found(e, "the userinfo endpoint"));
    } catch (ConfigurationException e) {
      throw e;
    } catch (MailtokenException e) {
      LOG.warn("the userinfo endpoint of {} did not name the mailbox: {}", app.provider().name(), e.getMessage());
      return Optional.empty();
    }
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
        return claim.isTextual() && claim.asText().contains("@") ? Optional.of(claim.asText()) : Optional.empty();
      } catch (IOException | IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }
}
