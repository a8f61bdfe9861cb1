package dev.mailtoken.oauth;

import static dev.mailtoken.testsupport.FuzzInputs.bounded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.FuzzInputs;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the service-account key file reader: any text gives a key or an
 * {@link IllegalArgumentException} (its documented failure: no I/O is involved) naming the field,
 * never another exception or a hang, and never a piece of the private key in the message.
 */
class ServiceAccountKeyFuzzTest {
  private static final TestKeys KEYS = new TestKeys();
  private static final String PKCS8 = KEYS.pkcs8Pem();
  private static final String PKCS1 = KEYS.pkcs1Pem();

  @Provide
  Arbitrary<String> keyFiles() {
    Arbitrary<String> pem = Arbitraries.oneOf(Arbitraries.of(PKCS8, PKCS1, PKCS8.replace("\n", "\\n"),
            PKCS8.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"),
        FuzzInputs.damaged(Arbitraries.of(PKCS8, PKCS1)));
    Arbitrary<String> values = Arbitraries.oneOf(pem.map(FuzzInputs::quote), FuzzInputs.jsonValue(),
        Arbitraries.of("\"service_account\"", "\"authorized_user\"", "\"robot@p.iam.gserviceaccount.com\"",
            "\"https://oauth2.googleapis.com/token\"", "\"not a uri\"", "\"relative/token\"", "\"https://[::1\""));
    Arbitrary<String> any = FuzzInputs.jsonObject(List.of("type", "client_email", "private_key", "private_key_id",
        "token_uri", "project_id"), values);
    // Most files are nearly right, so the key parsing behind the field checks is reached.
    Arbitrary<String> nearlyRight = Combinators.combine(pem, Arbitraries.of("\"https://oauth2.googleapis.com/token\"",
        "\"%%\"", "\"x:\"", "null", "1", "\"https://h/\\u0000\""))
        .as((p, uri) -> "{\"type\":\"service_account\",\"client_email\":\"robot@p.iam.gserviceaccount.com\","
            + "\"private_key\":" + FuzzInputs.quote(p) + ",\"token_uri\":" + uri + "}");
    return Arbitraries.oneOf(nearlyRight, nearlyRight, any, FuzzInputs.damaged(nearlyRight));
  }

  @Property
  void anyKeyFile_givesAKeyOrNamesTheWrongFieldWithoutShowingTheKey(@ForAll("keyFiles") String json) {
    FuzzInputs.Outcome<ServiceAccountKey> o = bounded(() -> ServiceAccountKey.fromJson(json));

    String base64Body = PKCS8.split("\n")[3];
    String pkcs1Body = PKCS1.split("\n")[3];
    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(IllegalArgumentException.class);
      assertThat(o.thrown().getMessage()).isNotBlank().doesNotContain(base64Body.substring(0, 24),
          pkcs1Body.substring(0, 24));
    } else {
      assertThat(o.value().toString()).doesNotContain(base64Body.substring(0, 24));
    }
  }
}
