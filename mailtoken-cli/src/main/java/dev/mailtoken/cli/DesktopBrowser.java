package dev.mailtoken.cli;

import java.net.URI;

/**
 * Opens a URI with {@code java.awt.Desktop}. Kept in its own class so {@code java.awt} is loaded only
 * when a browser is really wanted (not by {@code mailtoken token}, whose start-up time matters).
 */
final class DesktopBrowser {
  private DesktopBrowser() {
  }

  static boolean open(URI uri) {
    try {
      if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.Desktop.isDesktopSupported()) {
        return false;
      }
      java.awt.Desktop desktop = java.awt.Desktop.getDesktop();
      if (!desktop.isSupported(java.awt.Desktop.Action.BROWSE)) {
        return false;
      }
      desktop.browse(uri);
      return true;
    } catch (Exception | LinkageError e) {
      // No usable desktop (missing libraries, no X server): the printed URL is the fallback.
      return false;
    }
  }
}
