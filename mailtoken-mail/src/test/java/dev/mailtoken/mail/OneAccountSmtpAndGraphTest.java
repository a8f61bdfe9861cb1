package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.testkit.ApiMessage;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccountHealth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One authorization, every resource: a Microsoft mailbox consented to Outlook SMTP and Graph with
 * one refresh token sends over Graph with a Graph token (the emulator refuses the SMTP token's
 * audience, as Graph does) and over SMTP with an SMTP token, from the same token manager.
 */
class OneAccountSmtpAndGraphTest {
  private static final String ALICE = "alice@contoso.com";
  private static final List<String> BOTH = List.of(MailRig.EXCHANGE_SCOPE, GraphApi.MAIL_SEND, "offline_access");

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  private GraphApi graph() {
    return GraphApi.builder().baseUri(rig.provider.baseUri()).build();
  }

  @Test
  void givenAnAccountConsentedToSmtpAndGraph_whenSentThroughGraph_thenGraphGetsAGraphTokenAndAccepts()
      throws Exception {
    rig = MailRig.exchange(logs);
    rig.account(ALICE, BOTH);
    Mailer mailer = rig.mailer(graph());

    SendResult sent = mailer.send(MailRig.message(ALICE, "bob@example.org", "over graph"));

    assertThat(sent.transport()).isEqualTo("graph");
    assertThat(rig.provider.apiMessages()).extracting(ApiMessage::api, ApiMessage::user)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("graph", ALICE));
    assertThat(rig.provider.requests(Endpoint.TOKEN)).singleElement()
        .satisfies(r -> assertThat(r.formParams()).containsEntry("scope", GraphApi.MAIL_SEND));
  }

  @Test
  void givenOneAccount_whenSentOverSmtpAndOverGraph_thenEachResourceGetsItsOwnTokenOnce() throws Exception {
    rig = MailRig.exchange(logs);
    rig.account(ALICE, BOTH);
    Mailer smtp = rig.mailer(rig.server().build());
    Mailer graph = rig.mailer(graph());

    for (int i = 0; i < 2; i++) {
      smtp.send(MailRig.message(ALICE, "bob@example.org", "smtp " + i));
      graph.send(MailRig.message(ALICE, "bob@example.org", "graph " + i));
    }

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser).containsExactly(ALICE, ALICE);
    assertThat(rig.provider.apiMessages()).hasSize(2);
    assertThat(rig.provider.requests(Endpoint.TOKEN)).as("one token request per resource").hasSize(2);
  }

  @Test
  void givenAGraphApiWithoutScopes_whenTheAccountsOwnTokenIsForGraph_thenItIsUsed() throws Exception {
    rig = MailRig.exchange(logs);
    rig.account(ALICE, List.of(GraphApi.MAIL_SEND, "offline_access"));
    Mailer mailer = rig.mailer(graph().toBuilder().scopes(List.of()).build());

    mailer.send(MailRig.message(ALICE, "bob@example.org", "own token"));

    assertThat(rig.provider.requests(Endpoint.TOKEN)).singleElement()
        .satisfies(r -> assertThat(r.formParams()).doesNotContainKey("scope"));
    assertThat(rig.provider.apiMessages()).hasSize(1);
  }

  @Test
  void givenAnAccountConsentedToSmtpOnly_whenSentThroughGraph_thenTheErrorSaysGraphWasNeverConsentedTo() {
    rig = MailRig.exchange(logs);
    rig.account(ALICE, List.of(MailRig.EXCHANGE_SCOPE, "offline_access"));
    Mailer mailer = rig.mailer(graph());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "no graph consent")))
        .isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining("has not consented to the scopes asked for");
    assertThat(rig.tokens.status(ALICE).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(rig.provider.apiMessages()).isEmpty();
  }
}
