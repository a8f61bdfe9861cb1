package dev.mailtoken.server;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Raw settings by key, each with where it came from (for error messages), merged from the file,
 * the environment and the flags ({@link ConfigSources}), and the parsers that turn them into typed
 * values. Used once by {@link ServerConfig}'s constructor.
 */
final class ConfigValues {
  /** A setting's text and where it came from. */
  record Value(String text, String origin) { }

  private final Map<ConfigKey, Value> values;

  private ConfigValues(Map<ConfigKey, Value> values) {
    this.values = values;
  }

  static ConfigValues of(Map<ConfigKey, String> set) {
    Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);
    set.forEach((k, text) -> values.put(k, new Value(text, "the builder")));
    return new ConfigValues(values);
  }

  static ConfigValues load(Optional<Path> file, Map<String, String> env, Map<String, String> flags)
      throws ConfigurationException {
    return new ConfigValues(ConfigSources.read(file, env, flags));
  }

  Optional<String> text(ConfigKey k) {
    Value v = values.get(k);
    String text = v != null ? v.text() : k.defaultValue();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  String required(ConfigKey k) throws ConfigurationException {
    return text(k).orElseThrow(() -> bad(k, "a value"));
  }

  private String origin(ConfigKey k) {
    Value v = values.get(k);
    return v == null ? "the default" : v.origin();
  }

  private ConfigurationException bad(ConfigKey k, String expected) {
    String shown = k == ConfigKey.TLS_KEYSTORE_PASSWORD ? "(hidden)" : "\"" + text(k).orElse("") + "\"";
    return new ConfigurationException("Setting " + k.key() + " from " + origin(k) + " is " + shown + "; expected "
        + expected + ".");
  }

  int port(ConfigKey k) throws ConfigurationException {
    try {
      int p = Integer.parseInt(text(k).orElse(""));
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(k, "a port from 0 to 65535");
  }

  Optional<URI> uri(ConfigKey k) throws ConfigurationException {
    Optional<String> t = text(k);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI u = URI.create(t.get());
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw bad(k, "an http:// or https:// URL");
  }

  /** A comma-separated list of http(s) URLs (a YAML list is joined with commas when read). */
  List<URI> uris(ConfigKey k) throws ConfigurationException {
    List<URI> out = new ArrayList<>();
    for (String part : text(k).orElse("").split(",")) {
      String u = part.trim();
      if (u.isEmpty()) {
        continue;
      }
      try {
        URI uri = URI.create(u);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
            && uri.getRawQuery() == null && uri.getRawFragment() == null) {
          out.add(uri);
          continue;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw bad(k, "http:// or https:// URLs without query or fragment, comma separated");
    }
    return List.copyOf(out);
  }

  long bytes(ConfigKey k) throws ConfigurationException {
    String t = text(k).orElse("").toLowerCase(Locale.ROOT);
    long unit = t.endsWith("k") ? 1024 : t.endsWith("m") ? 1024 * 1024 : 1;
    try {
      long n = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
      if (n >= 1024 && n <= 64L * 1024 * 1024) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(k, "a size from 1024 bytes to 64m, e.g. 65536, 64k or 1m");
  }

  Duration duration(ConfigKey k) throws ConfigurationException {
    String t = text(k).orElse("").toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        default:
          break;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      // reported below
    }
    throw bad(k, "a duration such as 30s, 5m, 1h or PT10S");
  }

  Duration positiveDuration(ConfigKey k) throws ConfigurationException {
    Duration d = duration(k);
    if (d.isZero() || d.isNegative()) {
      throw bad(k, "a duration above zero, such as 30s, 5m or 1h");
    }
    return d;
  }

  boolean bool(ConfigKey k) throws ConfigurationException {
    String t = text(k).orElse("").toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return Boolean.parseBoolean(t);
    }
    throw bad(k, "true or false");
  }

  int count(ConfigKey k, int max) throws ConfigurationException {
    try {
      int n = Integer.parseInt(text(k).orElse(""));
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(k, "a whole number from 1 to " + max);
  }

  double positiveNumber(ConfigKey k) throws ConfigurationException {
    try {
      double d = Double.parseDouble(text(k).orElse(""));
      if (d > 0 && d <= 100_000) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(k, "a positive number");
  }

  List<InetAddress> addresses(ConfigKey k) throws ConfigurationException {
    List<InetAddress> out = new ArrayList<>();
    for (String part : text(k).orElse("").split(",")) {
      String a = part.trim();
      if (a.isEmpty()) {
        continue;
      }
      if (!a.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
        throw bad(k, "IP addresses (no host names), comma separated");
      }
      try {
        out.add(InetAddress.getByName(a));
      } catch (UnknownHostException e) {
        throw bad(k, "IP addresses (no host names), comma separated");
      }
    }
    return List.copyOf(out);
  }

  Optional<ServerConfig.Tls> tls() throws ConfigurationException {
    Optional<Path> cert = text(ConfigKey.TLS_CERTIFICATE).map(Path::of);
    Optional<Path> key = text(ConfigKey.TLS_PRIVATE_KEY).map(Path::of);
    Optional<Path> keystore = text(ConfigKey.TLS_KEYSTORE).map(Path::of);
    Optional<Secret> password = text(ConfigKey.TLS_KEYSTORE_PASSWORD).map(Secret::of);
    String min = text(ConfigKey.TLS_MIN_VERSION).orElse("");
    if (!min.equals("TLSv1.2") && !min.equals("TLSv1.3")) {
      throw bad(ConfigKey.TLS_MIN_VERSION, "TLSv1.2 or TLSv1.3");
    }
    if (cert.isEmpty() && key.isEmpty() && keystore.isEmpty()) {
      return Optional.empty();
    }
    if (keystore.isPresent() && (cert.isPresent() || key.isPresent())) {
      throw new ConfigurationException("Set either tls.keystore (PKCS12) or tls.certificate with tls.private-key"
          + " (PEM), not both.");
    }
    if (keystore.isEmpty() && (cert.isEmpty() || key.isEmpty())) {
      throw new ConfigurationException("TLS with PEM files needs both tls.certificate and tls.private-key.");
    }
    return Optional.of(new ServerConfig.Tls(cert, key, keystore, password, min));
  }

  /** True for loopback literals and {@code localhost}; no DNS lookup for anything else. */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
