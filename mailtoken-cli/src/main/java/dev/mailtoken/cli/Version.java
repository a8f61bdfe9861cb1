package dev.mailtoken.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version, filtered into a resource at build time. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/dev/mailtoken/cli/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {"mailtoken " + p.getProperty("version", "(development build)"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
