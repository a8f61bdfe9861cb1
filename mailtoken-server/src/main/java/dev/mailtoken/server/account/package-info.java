/**
 * Accounts over HTTP and keeping every account fresh (issue 11 §5, §6): account status, token
 * hand-out, renew, events. One public facade, package-private endpoints and repositories.
 */
package dev.mailtoken.server.account;
