package dev.mailtoken.server.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log. Never holds a secret: API tokens appear by id, access tokens not at
 * all (a hand-out records account, API token id and time).
 *
 * @param actor who did it: an API token id, {@code session:<id>}, {@code cli}, or {@code server}
 * @param action what, e.g. {@code api_token.created}, {@code access_token.handed_out}
 * @param subject what it was done to: an API token id or an account address
 * @param detail a short free text (may be empty)
 */
public record AuditEntry(String id, Instant at, String actor, String action, String subject, String detail) {
  public AuditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
  }
}
