package dev.mailtoken.spring;

/**
 * What an account is, for metrics tags: its provider's name and its app's name, both from the
 * configuration (never the address). Immutable.
 */
record AccountLabels(String provider, String app) {
}
