/**
 * Logging in to the admin pages: with an admin API token or the admin password (PBKDF2), sessions
 * in the database behind an HttpOnly, SameSite=Strict cookie, idle and absolute timeouts, failed
 * logins limited per client address. The facade is {@link dev.mailtoken.server.login.Logins}.
 */
package dev.mailtoken.server.login;
