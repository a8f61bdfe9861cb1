package dev.mailtoken.springreadme;

import dev.mailtoken.token.TokenEvent;
import org.springframework.context.event.EventListener;

/**
 * The Events block of mailtoken-spring-boot-starter/README.md, compiled with what it uses declared
 * around it (examples' ReadmeSnippetsTest keeps it identical to the README).
 */
final class DeadGrantAlerts {
  /** Whatever pages a person. */
  interface Pager {
    void page(String text);
  }

  private final Pager alerts;

  DeadGrantAlerts(Pager alerts) {
    this.alerts = alerts;
  }

  // snippet: mailtoken-spring-boot-starter/README.md
  @EventListener
  void onDeadGrant(TokenEvent.ReauthorizationRequired dead) {
    alerts.page("mailbox " + dead.account() + " needs to be authorized again");
  }
  // end snippet
}
