/**
 * Shared internals of {@code mailtoken-server} ({@link dev.mailtoken.server.internal.ServerDatabase}):
 * not a user API, may change in any release. Imports no feature package.
 */
package dev.mailtoken.server.internal;
