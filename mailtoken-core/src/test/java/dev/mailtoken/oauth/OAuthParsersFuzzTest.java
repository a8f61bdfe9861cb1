package dev.mailtoken.oauth;

import static dev.mailtoken.testsupport.FuzzInputs.bounded;
import static dev.mailtoken.testsupport.FuzzInputs.hasControlCharacters;
import static dev.mailtoken.testsupport.FuzzInputs.leaks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.internal.http.HttpReply;
import dev.mailtoken.internal.http.RetryAfter;
import dev.mailtoken.testsupport.FuzzInputs;
import dev.mailtoken.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes the parsers that read what a token endpoint or metadata server sends: whatever arrives,
 * the answer is a value or a {@link MailtokenException} subtype (never another exception, never a
 * hang), and its message holds no secret of the exchange and no raw control character.
 * {@code mvn test} runs a few hundred tries per property; see the core README for a long run.
 */
class OAuthParsersFuzzTest {
  private static final Instant NOW = Instant.parse("2031-05-17T09:13:27.123Z");
  private static final Target TARGET = new Target("fuzz", URI.create("https://as.example.com/token"), "a@example.com");
  private static final URI ISSUER = URI.create("https://as.example.com/realms/mail");
  private static final String SENT_REFRESH_TOKEN = "1//0sent-refresh-token-value-aaaaaaaaaaaaaaaa";
  private static final String CLIENT_SECRET = "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bbbbbb";
  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

  private final TestClock clock = TestClock.at(NOW);

  // ---- token responses (RFC 6749 §5.1)

  @Provide
  Arbitrary<String> tokenBodies() {
    Arbitrary<String> secretOrOdd = Arbitraries.oneOf(FuzzInputs.secrets().map(FuzzInputs::quote),
        FuzzInputs.jsonValue());
    Arbitrary<String> values = Arbitraries.oneOf(secretOrOdd, FuzzInputs.jsonValue());
    return FuzzInputs.jsonObject(List.of("access_token", "token_type", "expires_in", "scope", "refresh_token",
        "id_token", "ext_expires_in"), values).filter(b -> !b.contains("\"scope\":\"" + FuzzInputs.SECRET_MARK));
  }

  @Property
  void anyTokenResponse_isReadOrRefusedWithATypedErrorThatLeaksNothing(@ForAll("tokenBodies") String body,
      @ForAll @IntRange(min = 200, max = 299) int status) {
    TokenResponseReader reader = new TokenResponseReader(clock);
    HttpReply reply = new HttpReply(status, NO_HEADERS, body);

    FuzzInputs.Outcome<TokenResponse> o = bounded(() -> reader.read(GrantType.REFRESH_TOKEN, TARGET, reply,
        List.of("https://mail.google.com/")));

    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(InvalidResponseException.class);
      assertThat(leaks(o.thrown().getMessage(), body)).as(o.thrown().getMessage()).isFalse();
      assertThat(hasControlCharacters(o.thrown().getMessage())).as(o.thrown().getMessage()).isFalse();
      return;
    }
    TokenResponse r = o.value();
    assertThat(r.expiresAtOrAssumed()).isAfter(NOW);
    r.expiresIn().ifPresent(d -> assertThat(d).isPositive().isLessThanOrEqualTo(TokenResponse.MAX_LIFETIME));
    r.idTokenClaims();
    // Granted scopes are shown by design (a damaged body can put anything into "scope"); the tokens never are.
    String shown = r.toString().replace(String.valueOf(r.scopes()), "[scopes]");
    assertThat(leaks(shown, body)).as(r.toString()).isFalse();
  }

  // ---- OAuth error answers (RFC 6749 §5.2), with what the request sent echoed in them

  @Provide
  Arbitrary<String> errorBodies() {
    Arbitrary<String> echo = Arbitraries.of(SENT_REFRESH_TOKEN, CLIENT_SECRET, Form.encode(CLIENT_SECRET),
        SENT_REFRESH_TOKEN.replace("/", "\\/"));
    Arbitrary<String> echoing = Combinators.combine(FuzzInputs.oddText(), echo, FuzzInputs.oddText())
        .as((a, secret, b) -> FuzzInputs.quote(a + secret + b));
    Arbitrary<String> values = Arbitraries.oneOf(echoing, FuzzInputs.jsonValue(),
        Arbitraries.of("\"invalid_grant\"", "\"invalid_client\"", "\"temporarily_unavailable\"", "\"invalid_rapt\"",
            "\"unauthorized_client\"", "\"deleted_client\"", "\"invalid_scope\"", "\"server_error\""));
    return FuzzInputs.jsonObject(List.of("error", "error_description", "error_uri", "error_subtype", "suberror",
        "error_codes", "trace_id"), values);
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(FuzzInputs.oddText(), Arbitraries.longs().map(String::valueOf),
        Arbitraries.of("120", "-5", "999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 32 Foo 2031 99:99:99 GMT", ""));
  }

  @Property
  void anyErrorAnswer_isClassifiedWithoutThrowingAndWithoutTheSentSecrets(@ForAll("errorBodies") String body,
      @ForAll @IntRange(min = 300, max = 599) int status, @ForAll("headerValues") String retryAfter,
      @ForAll GrantType grant) {
    HttpHeaders headers = HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter), "Location", List.of(retryAfter)),
        (a, b) -> true);
    HttpReply reply = new HttpReply(status, headers, body).withoutSecrets(List.of(SENT_REFRESH_TOKEN, CLIENT_SECRET));
    FailureClassifier classifier = new FailureClassifier(clock);

    FuzzInputs.Outcome<MailtokenException> o = bounded(() -> classifier.classify(grant, TARGET, reply));

    assertThat(o.thrown()).isNull();
    String message = o.value().getMessage() + " " + o.value().oauthError().map(OAuthError::summary).orElse("");
    assertThat(message).doesNotContain(SENT_REFRESH_TOKEN, CLIENT_SECRET, Form.encode(CLIENT_SECRET));
    assertThat(hasControlCharacters(message)).as(message).isFalse();
  }

  // ---- Retry-After

  @Property
  void anyRetryAfter_isAWaitOfAtMostADayOrNothing(@ForAll("headerValues") String value) {
    FuzzInputs.Outcome<Optional<Duration>> o = bounded(() -> RetryAfter.parse(Optional.of(value), clock));

    assertThat(o.thrown()).isNull();
    o.value().ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofDays(1)));
  }

  // ---- discovery documents (OIDC Discovery, RFC 8414)

  @Provide
  Arbitrary<String> discoveryDocuments() {
    Arbitrary<String> endpoints = Arbitraries.of("https://as.example.com/token", "http://127.0.0.1:8080/token",
        "http://as.example.com/token", "/relative/token", "token", "https://", "https://[::1]:99999/x",
        "https://user:pw@as.example.com/t", "ftp://as.example.com/t", "https://as.example.com/%zz", "https://a b/",
        "https://as.example.com/t?x=1#f", "mailto:a@b", "https://as.example.com:0/t", "//as.example.com/t")
        .map(FuzzInputs::quote);
    Arbitrary<String> issuers = Arbitraries.of(ISSUER.toString(), ISSUER + "/", "https://as.example.com/realms/{tenantid}",
        "https://as.example.com/{tenantid}/v2.0", "https://evil.example.com/realms/mail", "\\E[^/]+\\Q",
        "https://as.example.com/realms/mail\u001b[2J").map(FuzzInputs::quote);
    Arbitrary<String> scopes = Arbitraries.of("[\"openid\",\"offline_access\"]", "[1, null, {}]", "\"offline_access\"",
        "[]");
    Arbitrary<String> values = Arbitraries.oneOf(endpoints, endpoints, issuers, scopes, FuzzInputs.jsonValue());
    Arbitrary<String> any = FuzzInputs.jsonObject(List.of("issuer", "token_endpoint", "authorization_endpoint",
        "revocation_endpoint", "device_authorization_endpoint", "userinfo_endpoint", "scopes_supported", "jwks_uri"),
        values);
    // Most documents name the right issuer, so the endpoints behind the issuer check are reached.
    Arbitrary<String> matching = any.filter(d -> d.startsWith("{") && d.length() > 2)
        .map(d -> "{\"issuer\":" + FuzzInputs.quote(ISSUER.toString()) + "," + d.substring(1));
    return Arbitraries.oneOf(matching, matching, any);
  }

  @Property
  void anyDiscoveryDocument_givesAProviderOrATypedError(@ForAll("discoveryDocuments") String body,
      @ForAll @IntRange(min = 100, max = 599) int status,
      @ForAll("issuers") URI issuer) {
    HttpReply reply = new HttpReply(status, NO_HEADERS, body);

    FuzzInputs.Outcome<OAuthProvider> o = bounded(() -> ProviderDiscovery.fromReply(issuer, reply,
        URI.create(issuer + "/.well-known/openid-configuration")));

    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(MailtokenException.class);
      assertThat(hasControlCharacters(o.thrown().getMessage())).as(o.thrown().getMessage()).isFalse();
    } else {
      assertThat(o.value().tokenEndpoint()).isNotNull();
    }
  }

  @Provide
  Arbitrary<URI> issuers() {
    return Arbitraries.of(ISSUER, ISSUER, ISSUER, URI.create("https://accounts.google.com"),
        URI.create("https://login.microsoftonline.com/contoso/v2.0"));
  }

  // ---- ID-token claims (decoded, never verified)

  @Provide
  Arbitrary<String> idTokens() {
    Arbitrary<String> claims = FuzzInputs.jsonObject(List.of("email", "email_verified", "sub", "iss", "aud", "exp"),
        FuzzInputs.jsonValue());
    Arbitrary<String> encoded = claims.map(c -> Base64.getUrlEncoder().withoutPadding()
        .encodeToString(c.getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(encoded.map(p -> "eyJhbGciOiJSUzI1NiJ9." + p + ".c2ln"),
        FuzzInputs.damaged(encoded.map(p -> "eyJ." + p + ".sig")), FuzzInputs.oddText(),
        Arbitraries.strings().withChars("ABCabc012-_.=+/ ").ofMaxLength(80));
  }

  @Property
  void anyIdToken_givesClaimsOrNothing(@ForAll("idTokens") String idToken) {
    FuzzInputs.Outcome<Optional<IdTokenClaims>> o = bounded(() -> IdTokenClaims.decode(idToken));

    assertThat(o.thrown()).isNull();
    assertThat(o.value()).isNotNull();
  }
}
