/**
 * Micrometer meters for mailtoken: {@link dev.mailtoken.micrometer.TokenMetrics} binds a
 * {@link dev.mailtoken.token.TokenManager}'s events to a registry, {@link dev.mailtoken.micrometer.MailerMetrics}
 * a {@link dev.mailtoken.mail.Mailer}'s; accounts are tagged by
 * {@link dev.mailtoken.micrometer.MeterLabels} (provider and app names), never by address.
 */
package dev.mailtoken.micrometer;
