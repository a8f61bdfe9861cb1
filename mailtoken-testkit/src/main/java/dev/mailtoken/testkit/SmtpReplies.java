package dev.mailtoken.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reply texts of one {@link SmtpStyle}, as captured from Gmail and Exchange Online (see
 * provider-spec.md C and D.5). Multi-line replies are lines joined by CRLF. Stateless apart from
 * the clock; thread-safe.
 */
final class SmtpReplies {
  static final String EXCHANGE_HOST = "EMU0PR00MB0001.outlook.office365.com";
  private static final String EXCHANGE_HOSTNAME = "[Hostname=EMU0PR00MB0001.namprd00.prod.outlook.com]";
  private static final List<String> GMAIL_CAPABILITIES = List.of("SIZE 35882577", "8BITMIME", "%s",
      "ENHANCEDSTATUSCODES", "PIPELINING", "CHUNKING", "SMTPUTF8");
  private static final List<String> EXCHANGE_CAPABILITIES = List.of("SIZE 157286400", "PIPELINING", "DSN",
      "ENHANCEDSTATUSCODES", "%s", "8BITMIME", "BINARYMIME", "CHUNKING", "SMTPUTF8");

  private final SmtpStyle style;
  private final String requiredScope;
  private final Clock clock;
  private final String auth;

  SmtpReplies(SmtpStyle style, String requiredScope, Clock clock, List<String> authMechanisms) {
    this.style = style;
    this.requiredScope = requiredScope;
    this.clock = clock;
    this.auth = "AUTH " + String.join(" ", authMechanisms);
  }

  boolean gmail() {
    return style == SmtpStyle.GMAIL;
  }

  /** Gmail ends most replies with a per-reply id and "- gsmtp". */
  private String g(String text) {
    return gmail() ? text + " " + id() + " - gsmtp" : text;
  }

  static String id() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong() & 0xfffffffffffffL) + "-" + Long.toHexString(random.nextInt() & 0xffffffL);
  }

  String greeting() {
    if (gmail()) {
      return "220 smtp.gmail.com ESMTP " + id() + " - gsmtp";
    }
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC));
    return "220 " + EXCHANGE_HOST + " Microsoft ESMTP MAIL Service ready at " + date;
  }

  /** EHLO capabilities: STARTTLS in its place before TLS, AUTH after TLS (or with {@link TlsMode#NONE}). */
  String ehlo(String clientIp, boolean offerStartTls) {
    String first = gmail() ? "smtp.gmail.com at your service, [" + clientIp + "]"
        : EXCHANGE_HOST + " Hello [" + clientIp + "]";
    StringBuilder reply = new StringBuilder("250-").append(first);
    List<String> capabilities = gmail() ? GMAIL_CAPABILITIES : EXCHANGE_CAPABILITIES;
    for (int i = 0; i < capabilities.size(); i++) {
      String capability = capabilities.get(i).replace("%s", offerStartTls ? "STARTTLS" : auth);
      reply.append("\r\n").append(i == capabilities.size() - 1 ? "250 " : "250-").append(capability);
    }
    return reply.toString();
  }

  String helo(String clientIp) {
    return gmail() ? "250 smtp.gmail.com at your service" : "250 " + EXCHANGE_HOST + " Hello [" + clientIp + "]";
  }

  String startTls() {
    return gmail() ? "220 2.0.0 Ready to start TLS" : "220 2.0.0 SMTP server ready";
  }

  String sendHelloFirst() {
    return gmail() ? g("503 5.5.1 EHLO/HELO first.") : "503 5.5.2 Send hello first";
  }

  String startTlsFirst() {
    return gmail() ? g("530 5.7.0 Must issue a STARTTLS command first.") : "504 5.7.4 Unrecognized authentication type";
  }

  String mailBeforeTls() {
    return gmail() ? g("530 5.7.0 Must issue a STARTTLS command first.") : notAuthenticated();
  }

  String notAuthenticated() {
    return gmail()
        ? "530-5.7.0 Authentication Required. For more information, go to\r\n"
            + g("530 5.7.0  https://support.google.com/mail/?p=WantAuthError")
        : "530 5.7.57 Client not authenticated to send mail. [" + EXCHANGE_HOST + "]";
  }

  String alreadyAuthenticated() {
    return gmail() ? g("503 5.5.1 Already authenticated.") : "503 5.5.2 Already authenticated";
  }

  String unknownMechanism() {
    return gmail() ? g("504 5.7.4 Unrecognized authentication type.") : "504 5.7.4 Unrecognized authentication type";
  }

  String cannotDecode() {
    return gmail() ? g("501 5.5.2 Cannot Decode response.") : "501 5.5.4 Invalid arguments";
  }

  String cancelled() {
    return gmail() ? g("501 5.7.0 Authentication cancelled.") : "501 5.7.0 Authentication cancelled";
  }

  String accepted() {
    return gmail() ? "235 2.7.0 Accepted" : "235 2.7.0 Authentication successful";
  }

  /**
   * Gmail's failure challenge: {@code 334 <base64 JSON>} (XOAUTH2 status "400", OAUTHBEARER
   * "invalid_token"); {@code documented}: the XOAUTH2 JSON of Google's documentation (C2.3).
   */
  String failureChallenge(boolean oauthBearer, boolean documented) {
    String json = oauthBearer || !documented
        ? "{\"status\":\"" + (oauthBearer ? "invalid_token" : "400") + "\",\"schemes\":\"Bearer\",\"scope\":\""
            + requiredScope + "\"}"
        : "{\"status\":\"401\",\"schemes\":\"bearer mac\",\"scope\":\"" + requiredScope + "\"}\n";
    return "334 " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Gmail's temporary refusal after repeated failed logins (C2.6). */
  String tooManyLoginAttempts() {
    return g("454 4.7.0 Too many login attempts, please try again later.");
  }

  /** The final rejection of a bad token (Gmail after the failure challenge; Exchange at once). */
  String badCredentials() {
    return gmail()
        ? "535-5.7.8 Username and Password not accepted. For more information, go to\r\n"
            + g("535 5.7.8  https://support.google.com/mail/?p=BadCredentials")
        : "535 5.7.3 Authentication unsuccessful [" + EXCHANGE_HOST + "]";
  }

  /** LOGIN / PLAIN with a password. */
  String passwordRejected() {
    return gmail() ? badCredentials()
        : "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [" + EXCHANGE_HOST + "]";
  }

  String smtpAuthDisabled(boolean tenant) {
    return "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
        + (tenant ? "Tenant" : "Mailbox") + ". Visit https://aka.ms/smtp_auth_disabled for more information. ["
        + EXCHANGE_HOST + "]";
  }

  String tooManyConnections() {
    return "432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more "
        + "information. " + EXCHANGE_HOSTNAME;
  }

  String sessionExpired() {
    return gmail() ? g("421 4.7.0 Try again later, closing connection.")
        : "421 4.7.0 Temporary server error, session expired, closing connection. " + EXCHANGE_HOSTNAME;
  }

  String dailyLimit() {
    return gmail()
        ? "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\r\n"
            + "550-5.4.5 sending limits go to\r\n"
            + g("550 5.4.5  https://support.google.com/a/answer/166852")
        : "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message "
            + "due to a permanent exception with message [BeginDiagnosticData]Cannot submit message. "
            + "[EndDiagnosticData] " + EXCHANGE_HOSTNAME;
  }

  String mailOk() {
    return gmail() ? g("250 2.1.0 OK") : "250 2.1.0 Sender OK";
  }

  String rcptOk() {
    return gmail() ? g("250 2.1.5 OK") : "250 2.1.5 Recipient OK";
  }

  /** A recipient the emulator was told does not exist ({@link SmtpEmulator#rejectRecipient}). */
  String noSuchRecipient() {
    return gmail()
        ? "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
            + "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
            + "550-5.1.1 unnecessary spaces. For more information, go to\r\n"
            + g("550 5.1.1  https://support.google.com/mail/?p=NoSuchUser")
        : "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup";
  }

  String nestedMail() {
    return gmail() ? g("503 5.5.1 Nested MAIL command.") : "503 5.5.2 Sender already specified";
  }

  String mailFirst() {
    return gmail() ? g("503 5.5.1 MAIL first.") : "503 5.5.1 Need mail command";
  }

  String rcptFirst() {
    return gmail() ? g("503 5.5.1 RCPT first.") : "503 5.5.2 Need rcpt command";
  }

  String syntaxError() {
    return gmail() ? g("555 5.5.2 Syntax error.") : "501 5.5.4 Invalid arguments";
  }

  String startData() {
    return gmail() ? g("354 Go ahead") : "354 Start mail input; end with <CRLF>.<CRLF>";
  }

  /** {@link SmtpFaults#refuseData}: DATA refused as a server refuses by the declared size. */
  String dataRefused() {
    return gmail() ? g("552 5.3.4 Your message exceeded Google's message size limits.")
        : "552 5.3.4 Message size exceeds fixed maximum message size";
  }

  String tooBig() {
    return gmail() ? g("552 5.3.4 Your message exceeded Google's message size limits.")
        : "552 5.3.4 Message size exceeds fixed maximum message size";
  }

  long maxSize() {
    return gmail() ? 35_882_577L : 157_286_400L;
  }

  String dataOk() {
    return gmail() ? g("250 2.0.0 OK  " + clock.instant().getEpochSecond())
        : "250 2.0.0 OK <" + id() + "@" + EXCHANGE_HOST + "> " + EXCHANGE_HOSTNAME;
  }

  /** A non-final BDAT chunk accepted. */
  String chunkOk(long size) {
    return gmail() ? g("250 2.0.0 OK " + size + " octets received") : "250 2.0.0 " + size + " octets received";
  }

  String reset() {
    return gmail() ? g("250 2.1.5 Flushed") : "250 2.0.0 Resetting";
  }

  String noop() {
    return gmail() ? g("250 2.0.0 OK") : "250 2.0.0 OK";
  }

  String quit() {
    return gmail() ? g("221 2.0.0 closing connection") : "221 2.0.0 Service closing transmission channel";
  }

  String unrecognized() {
    return gmail() ? g("502 5.5.1 Unrecognized command.") : "500 5.3.3 Unrecognized command";
  }

  String tlsUnavailable() {
    return gmail() ? g("502 5.5.1 Unrecognized command.") : "500 5.3.3 Unrecognized command";
  }

  String tlsAlreadyActive() {
    return gmail() ? g("503 5.5.1 TLS already active.") : "503 5.5.1 TLS already negotiated";
  }
}
