package dev.mailtoken.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.mail.AuthenticationRejectedException;
import dev.mailtoken.mail.GmailApi;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.RecipientRejectedException;
import dev.mailtoken.mail.SmtpAuthDisabledException;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testsupport.LogCapture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MailerMetrics} on a real Mailer sending to the SMTP emulator (and the Gmail API emulator)
 * over loopback, with tokens from the provider emulator. A mailer's listener runs on the sending
 * thread, so everything is counted when {@code send} returns.
 */
class MailerMetricsTest {
  private static final MeterLabels CRM = new MeterLabels("google", "crm");
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.org";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MailerMetrics metrics = MailerMetrics.builder().labels(account -> CRM).build();
  private EmulatedMail env;

  private EmulatedMail start(EmulatorMode mode) {
    metrics.bindTo(registry);
    env = new EmulatedMail(mode);
    logs.forbid(EmulatedMail.CLIENT_SECRET).forbidAll(env.provider::issuedSecrets);
    return env;
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private double sends(String outcome) {
    return registry.find(MailerMetrics.SENDS).tag("outcome", outcome).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private double renewals() {
    return registry.find(MailerMetrics.RENEWALS).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Test
  void givenThreeMessagesSentOverSmtp_whenCounted_thenThreeSuccessesTaggedWithProviderAppAndTransport()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    Mailer mailer = env.mailer(env.smtpServer(), metrics);
    env.add(ALICE);

    for (int i = 0; i < 3; i++) {
      mailer.send(EmulatedMail.message(ALICE, BOB, "counted " + i));
    }

    assertThat(env.smtp.messages()).hasSize(3);
    Counter c = registry.get(MailerMetrics.SENDS).counter();
    assertThat(c.count()).isEqualTo(3);
    assertThat(c.getId().getTags()).containsExactlyInAnyOrder(Tag.of("provider", "google"), Tag.of("app", "crm"),
        Tag.of("transport", "smtp"), Tag.of("outcome", "success"), Tag.of("error", "none"));
    assertThat(registry.get(MailerMetrics.SEND_DURATION).tag("outcome", "success").timer().count()).isEqualTo(3);
    assertThat(renewals()).isZero();
  }

  @Test
  void givenTheServerRejectsTheCachedToken_whenSending_thenOneRenewalAndOneSuccessTimedWithTheRenewal()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    Mailer mailer = env.mailer(env.smtpServer(), metrics);
    env.addWithStaleFirstToken(ALICE, env.scope(), Duration.ofMillis(250));

    mailer.send(EmulatedMail.message(ALICE, BOB, "renewed"));

    assertThat(env.smtp.messages()).hasSize(1);
    assertThat(registry.get(MailerMetrics.RENEWALS).tag("transport", "smtp").tag("app", "crm").counter().count())
        .isEqualTo(1);
    Timer t = registry.get(MailerMetrics.SEND_DURATION).tag("outcome", "success").timer();
    assertThat(t.count()).isEqualTo(1);
    assertThat(t.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    assertThat(sends(MailerMetrics.FAILURE)).isZero();
  }

  @Test
  void givenTheRenewedTokenIsRejectedToo_whenSending_thenOneRenewalAndOneFailureTaggedAuthenticationRejected() {
    start(EmulatorMode.GOOGLE);
    Mailer mailer = env.mailer(env.smtpServer(), metrics);
    env.add(ALICE, List.of("https://www.googleapis.com/auth/gmail.send"));   // SMTP refuses this scope

    assertThatThrownBy(() -> mailer.send(EmulatedMail.message(ALICE, BOB, "refused")))
        .isInstanceOf(AuthenticationRejectedException.class);

    assertThat(renewals()).isEqualTo(1);
    assertThat(registry.get(MailerMetrics.SENDS).tag("outcome", "failure")
        .tag("error", "AuthenticationRejectedException").counter().count()).isEqualTo(1);
    assertThat(registry.get(MailerMetrics.SEND_DURATION).tag("outcome", "failure").timer().count()).isEqualTo(1);
    assertThat(sends(MailerMetrics.SUCCESS)).isZero();
  }

  @Test
  void givenSmtpAuthDisabledForTheMailbox_whenSending_thenOneFailureTaggedWithItsTypeAndNoRenewal() {
    start(EmulatorMode.MICROSOFT);
    Mailer mailer = env.mailer(env.smtpServer(), metrics);
    env.add(ALICE);
    env.smtp.disableSmtpAuth(ALICE);

    assertThatThrownBy(() -> mailer.send(EmulatedMail.message(ALICE, BOB, "disabled")))
        .isInstanceOf(SmtpAuthDisabledException.class);

    assertThat(registry.get(MailerMetrics.SENDS).tag("error", "SmtpAuthDisabledException").counter().count())
        .isEqualTo(1);
    assertThat(renewals()).isZero();
  }

  @Test
  void givenTheGmailApiAnswers401ToTheCachedToken_whenSending_thenTheRenewalAndSuccessAreTaggedGmailApi()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    Mailer mailer = env.mailer(GmailApi.builder().baseUri(env.provider.baseUri()).build(), metrics);
    env.addWithStaleFirstToken(ALICE, "https://www.googleapis.com/auth/gmail.send", Duration.ofMillis(40));

    mailer.send(EmulatedMail.message(ALICE, BOB, "over the api"));

    assertThat(registry.get(MailerMetrics.RENEWALS).tag("transport", "gmail-api").counter().count()).isEqualTo(1);
    assertThat(registry.get(MailerMetrics.SENDS).tag("transport", "gmail-api").tag("outcome", "success")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void givenEveryOutcome_whenTheMetersAreListed_thenNoTagValueHoldsAnIssuedSecretAnAddressOrARecipient()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    Mailer mailer = env.mailer(env.smtpServer(), metrics);
    env.addWithStaleFirstToken(ALICE, env.scope(), Duration.ofMillis(10));
    String carol = env.add("carol@example.com", List.of("https://www.googleapis.com/auth/gmail.send"));
    String dave = env.add("dave@example.com");
    env.smtp.rejectRecipient("nobody@example.net");
    mailer.send(EmulatedMail.message(ALICE, BOB, "ok after renewal"));
    assertThatThrownBy(() -> mailer.send(EmulatedMail.message(carol, BOB, "rejected")))
        .isInstanceOf(AuthenticationRejectedException.class);
    assertThatThrownBy(() -> mailer.send(EmulatedMail.message(dave, "nobody@example.net", "no such recipient")))
        .isInstanceOf(RecipientRejectedException.class);

    List<String> values = new ArrayList<>();
    for (Meter m : registry.getMeters()) {
      m.getId().getTags().stream().map(Tag::getValue).forEach(values::add);
    }
    List<String> forbidden = new ArrayList<>(env.provider.issuedSecrets());
    forbidden.addAll(env.addresses);
    forbidden.addAll(List.of(BOB, "nobody@example.net", EmulatedMail.CLIENT_SECRET));
    assertThat(forbidden).hasSizeGreaterThan(env.addresses.size() + 3);
    assertThat(values).isNotEmpty().allSatisfy(v -> {
      assertThat(v).doesNotContain("@");
      forbidden.forEach(f -> assertThat(v).doesNotContain(f));
    });
    assertThat(registry.find(MailerMetrics.SENDS).tag("error", "RecipientRejectedException").counter()).isNotNull();
    assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).distinct())
        .containsExactlyInAnyOrder(MailerMetrics.SENDS, MailerMetrics.SEND_DURATION, MailerMetrics.RENEWALS);
  }
}
