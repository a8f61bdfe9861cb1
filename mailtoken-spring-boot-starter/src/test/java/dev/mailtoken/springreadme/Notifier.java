package dev.mailtoken.springreadme;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

// The first Java block of mailtoken-spring-boot-starter/README.md, compiled as written
// (examples' ReadmeSnippetsTest keeps it identical to the README). Outside dev.mailtoken.spring,
// so the starter's test application does not scan it; JavaMailSenderTest sends the same way.
// snippet: mailtoken-spring-boot-starter/README.md
@Service
class Notifier {
  private final JavaMailSender mail;

  Notifier(JavaMailSender mail) {
    this.mail = mail;
  }

  void hello() {
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom("alice@example.com");               // the account it is sent as
    m.setTo("bob@example.org");
    m.setText("Sent with an OAuth2 token.");
    mail.send(m);
  }
}
// end snippet
