package dev.mailtoken.oauth;

/**
 * A Google service-account key (JSON key file or PEM).
 *
 * <p>SKELETON: the oauth helper owns this class.
 */
public final class ServiceAccountKey {
}
