package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensCommandTest {
  @TempDir
  Path home;

  CliFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = CliFixture.google(home);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void givenACreatedToken_whenListed_thenItsFieldsShowButNotItsValue() {
    CliRun created = fixture.run("api-tokens", "create", "--name", "crm", "--scope", "token", "--scope",
        "accounts:read", "--account", "alice@example.com", "--expires-in", "24h");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String value = created.out().strip();
    assertThat(value).startsWith("mtk_");
    assertThat(created.err()).contains("shown only now");

    CliRun list = fixture.run("api-tokens", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("crm").contains("accounts:read,token").contains("alice@example.com")
        .contains("active").doesNotContain(value);
    CliRun json = fixture.run("api-tokens", "list", "--json");
    assertThat(json.out()).contains("\"name\" : \"crm\"").doesNotContain(value);
  }

  @Test
  void givenAToken_whenRevoked_thenListedAsRevoked() {
    fixture.run("api-tokens", "create", "--name", "tmp", "--scope", "admin");
    String id = fixture.run("api-tokens", "list").out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
    CliRun revoked = fixture.run("api-tokens", "revoke", id);
    assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
    assertThat(fixture.run("api-tokens", "list").out()).contains("revoked");
  }

  @Test
  void givenAnUnknownScope_whenCreating_thenUsageErrorListingTheScopes() {
    CliRun r = fixture.run("api-tokens", "create", "--name", "x", "--scope", "root");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("accounts:read");
  }

  @Test
  void givenAnUnknownId_whenRevoking_thenExit5() {
    CliRun r = fixture.run("api-tokens", "revoke", "0000000000000000");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("No API token with id 0000000000000000");
  }
}
