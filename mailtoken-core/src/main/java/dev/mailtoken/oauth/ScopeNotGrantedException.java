package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import java.util.Set;

/**
 * The provider issued a token without a scope the app requires (T-G-06): with Google's granular
 * consent the user can untick the Gmail box; a Workspace admin can restrict scopes. Sending mail
 * would fail later with a confusing SMTP error, so this fails now and names the missing scopes.
 * Ask the user to authorize again and keep every box ticked.
 */
public class ScopeNotGrantedException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final Set<String> missingScopes;
  private final transient TokenResponse response;

  public ScopeNotGrantedException(String message, String account, Set<String> missingScopes, TokenResponse response) {
    super(message, account, null, null);
    this.missingScopes = Set.copyOf(missingScopes);
    this.response = response;
  }

  /** The required scopes that were not granted. */
  public Set<String> missingScopes() {
    return missingScopes;
  }

  /** The response as received, for callers that can work with fewer scopes. */
  public TokenResponse response() {
    return response;
  }
}
