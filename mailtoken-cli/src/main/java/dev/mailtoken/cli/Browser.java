package dev.mailtoken.cli;

import java.net.URI;

/**
 * Opens the consent URL for the user. The default ({@link #desktop()}) uses {@code java.awt.Desktop}
 * only when the JVM is not headless; the URL is always printed as well, so SSH and headless use
 * works by copying it. Tests and {@code mailtoken demo} plug in an HTTP client acting as the browser.
 */
@FunctionalInterface
public interface Browser {
  /** Tries to open {@code uri}; returns false when it could not (no desktop). Must not block for long. */
  boolean open(URI uri);

  /** The system browser via {@code java.awt.Desktop}, or nothing on a headless machine. */
  static Browser desktop() {
    return DesktopBrowser::open;
  }

  /** Never opens anything: the user copies the printed URL. */
  static Browser none() {
    return uri -> false;
  }
}
