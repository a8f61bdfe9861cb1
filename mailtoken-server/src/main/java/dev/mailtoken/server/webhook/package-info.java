/**
 * Webhooks (issue 11 §7): URLs with event filters, HMAC-SHA256 signed POSTs, retries stored in the
 * database, delivery log. Only listens to the other features' events; one public facade.
 */
package dev.mailtoken.server.webhook;
