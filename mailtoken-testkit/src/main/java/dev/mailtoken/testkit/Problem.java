package dev.mailtoken.testkit;

/**
 * Every OAuth error the emulator answers with, in Google's shape (also used by GENERIC mode) and
 * Microsoft's (AADSTS number and text). Descriptions are the observed wire strings from
 * provider-spec.md; {@code %s} placeholders are filled per request.
 */
enum Problem {
  MISSING_PARAMETER(400, "invalid_request", "Missing required parameter: %s",
      400, "invalid_request", 900144, "The request body must contain the following parameter: '%s'."),
  UNSUPPORTED_GRANT(400, "unsupported_grant_type", "Invalid grant_type: %s",
      400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '%s'."),
  CLIENT_ID_MISSING(400, "invalid_request", "Could not determine client ID from request.",
      400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'."),
  CLIENT_NOT_FOUND(401, "invalid_client", "The OAuth client was not found.",
      400, "unauthorized_client", 700016, "Application with identifier '%s' was not found in the directory."),
  BAD_SECRET(401, "invalid_client", "Unauthorized",
      401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is"
          + " the client secret value, not the client secret ID, for a secret added to app '%s'."),
  SECRET_MISSING(401, "invalid_client", "Unauthorized",
      401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or"
          + " 'client_secret'."),
  PUBLIC_CLIENT_SECRET(401, "invalid_client", "Unauthorized",
      401, "invalid_client", 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be"
          + " presented."),
  CODE_MALFORMED(400, "invalid_grant", "Malformed auth code.",
      400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  CODE_EXPIRED(400, "invalid_grant", "Bad Request",
      400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity."
          + " Send a new interactive authorization request for this user and resource."),
  CODE_REDEEMED(400, "invalid_grant", "Code was already redeemed.",
      400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid"
          + " code or use an existing refresh token."),
  CODE_WRONG_CLIENT(400, "invalid_grant", "Bad Request",
      400, "invalid_grant", 70000, "Provided grant is invalid or malformed."),
  REDIRECT_MISMATCH(400, "redirect_uri_mismatch", "Bad Request",
      400, "invalid_grant", 70000, "Provided grant is invalid or malformed: the redirect_uri does not match the one"
          + " used to obtain the authorization code."),
  VERIFIER_MISSING(400, "invalid_grant", "Missing code verifier.",
      400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the"
          + " authorization request."),
  VERIFIER_INVALID(400, "invalid_grant", "Invalid code verifier.",
      400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the"
          + " authorization request."),
  REFRESH_DEAD(400, "invalid_grant", "Token has been expired or revoked.",
      400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity."
          + " Send a new interactive authorization request for this user and resource."),
  REFRESH_IDLE(400, "invalid_grant", "Token has been expired or revoked.",
      400, "invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was issued on %s and"
          + " was inactive for %s."),
  REFRESH_REUSED(400, "invalid_grant", "Token has been expired or revoked.",
      400, "invalid_grant", 70008, "The refresh token was already used; the grant was revoked. Send a new"
          + " interactive authorization request for this user and resource."),
  REFRESH_WRONG_CLIENT(401, "unauthorized_client", "Unauthorized",
      400, "invalid_grant", 70000, "Provided grant is invalid or malformed."),
  SCOPE_WIDENED(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.",
      400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid. The scope %s is"
          + " not valid."),
  CONSENT_REQUIRED(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.",
      400, "invalid_grant", 65001, "The user or administrator has not consented to use the application with ID '%s'."
          + " Send an interactive authorization request for this user and resource."),
  MULTI_RESOURCE(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.",
      400, "invalid_scope", 700022, "The provided value for the input parameter scope is not valid because it"
          + " contains more than one resource. Scope %s is not valid."),
  JWT_MALFORMED(400, "invalid_grant", "Invalid JWT Signature.",
      400, "invalid_grant", 50027, "JWT token is invalid or malformed."),
  JWT_SIGNATURE(400, "invalid_grant", "Invalid JWT Signature.",
      400, "invalid_grant", 50013, "Assertion failed signature validation."),
  JWT_AUDIENCE(400, "invalid_grant", "Invalid JWT: Failed audience check.",
      400, "invalid_grant", 50013, "Assertion audience claim does not match the required value."),
  JWT_TIME(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable"
          + " timeframe. Check your iat and exp values in the JWT claim.",
      400, "invalid_grant", 500133, "Assertion is not within its valid time range."),
  JWT_ACCOUNT_UNKNOWN(400, "invalid_grant", "Invalid grant: account not found",
      400, "invalid_grant", 700016, "Application with identifier '%s' was not found in the directory."),
  JWT_SCOPE_EMPTY(400, "invalid_scope", "Empty or missing scope not allowed.",
      400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid."),
  JWT_DELEGATION(401, "unauthorized_client", "Client is unauthorized to retrieve access tokens using this method,"
          + " or client not authorized for any of the scopes requested.",
      400, "unauthorized_client", 65001, "The user or administrator has not consented to use the application."),
  CLIENT_CREDENTIALS_COMMON(400, "unsupported_grant_type", "Invalid grant_type: client_credentials",
      400, "invalid_request", 9001023, "The grant type 'client_credentials' is not supported over the /common or"
          + " /consumers endpoints. Please use the /organizations or tenant-specific endpoint."),
  INVALID_SCOPE(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.",
      400, "invalid_scope", 1002012, "The provided value for scope %s is not valid. Client credential flows must have"
          + " a scope value with /.default suffixed to the resource identifier.");

  final int status;
  final String error;
  final String description;
  final int msStatus;
  final String msError;
  final int aadsts;
  final String msDescription;

  Problem(int status, String error, String description, int msStatus, String msError, int aadsts,
      String msDescription) {
    this.status = status;
    this.error = error;
    this.description = description;
    this.msStatus = msStatus;
    this.msError = msError;
    this.aadsts = aadsts;
    this.msDescription = msDescription;
  }
}
