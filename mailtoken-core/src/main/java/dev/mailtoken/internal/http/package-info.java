/**
 * mailtoken's internal HTTP toolkit for requests that carry a credential: where they may go
 * ({@link dev.mailtoken.internal.http.HttpPolicy}), how one is sent
 * ({@link dev.mailtoken.internal.http.CredentialHttp}: no redirects, a whole-request deadline, a
 * response size cap), and how an answer is read ({@link dev.mailtoken.internal.http.RetryAfter},
 * {@link dev.mailtoken.internal.http.HttpStatuses}, {@link dev.mailtoken.internal.http.Excerpts}).
 *
 * <p>Not an API: {@code module-info} exports this package only to mailtoken's own modules, and it
 * may change in any release. Used by the token client (core), the Gmail API and Graph transports
 * (mail) and the server's webhooks.
 */
package dev.mailtoken.internal.http;
