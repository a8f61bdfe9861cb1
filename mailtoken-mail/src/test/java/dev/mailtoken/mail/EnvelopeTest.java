package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An envelope holds bare, checked ASCII addresses and at least one recipient. */
class EnvelopeTest {

  @Test
  void givenBareAddresses_whenBuilt_thenKeptInOrder() {
    Envelope e = Envelope.of("alice@example.com", "bob@example.org", "carol@example.net");

    assertThat(e.sender()).isEqualTo("alice@example.com");
    assertThat(e.recipients()).containsExactly("bob@example.org", "carol@example.net");
  }

  @Test
  void givenNoRecipient_whenBuilt_thenRefused() {
    assertThatThrownBy(() -> Envelope.of("alice@example.com")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one recipient");
  }

  @Test
  void givenAnAddressWithADisplayName_whenBuilt_thenRefusedNamingTheBareAddress() {
    assertThatThrownBy(() -> Envelope.of("alice@example.com", "Bob <bob@example.org>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bob@example.org")
        .hasMessageContaining("not a bare address");
  }

  @Test
  void givenALineBreakInAnAddress_whenBuilt_thenRefusedSoNoSmtpCommandCanBeInjected() {
    assertThatThrownBy(() -> Envelope.of("alice@example.com", "bob@example.org>\r\nRCPT TO:<eve@example.net"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control or non-ASCII");
  }

  @Test
  void givenANonAsciiAddress_whenBuilt_thenRefusedNamingSmtputf8() {
    assertThatThrownBy(() -> Envelope.of("alice@example.com", "jürgen@example.de"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SMTPUTF8");
  }

  @Test
  void givenAnAddressWithoutDomain_whenBuilt_thenRefused() {
    assertThatThrownBy(() -> Envelope.of("alice", "bob@example.org"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sender alice");
  }

  @Test
  void givenTheRecipientListChangesLater_whenReadingTheEnvelope_thenItIsUnchanged() {
    List<String> recipients = new ArrayList<>(List.of("bob@example.org"));
    Envelope e = new Envelope("alice@example.com", recipients);

    recipients.add("eve@example.net");

    assertThat(e.recipients()).containsExactly("bob@example.org");
  }
}
