/**
 * mailtoken's internal helpers shared by its modules: {@link dev.mailtoken.internal.ServerText}
 * makes text from a provider or mail server safe to print, log and store.
 *
 * <p>Not an API: {@code module-info} exports this package only to mailtoken's own modules, and it
 * may change in any release.
 */
package dev.mailtoken.internal;
