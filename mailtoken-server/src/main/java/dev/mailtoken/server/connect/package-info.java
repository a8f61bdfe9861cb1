/**
 * Connect links and the consent pages (issue 11 §3): {@code POST /v1/connect-links}, the browser
 * flow over {@code PendingAuthorization} and the store. One public facade ({@code ConnectLinks}),
 * package-private endpoints and repository; pages are JTE templates rendered with
 * {@link dev.mailtoken.server.web.Pages}.
 */
package dev.mailtoken.server.connect;
