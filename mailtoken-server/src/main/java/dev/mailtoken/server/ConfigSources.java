package dev.mailtoken.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mailtoken.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the server's settings come from, in rising precedence: the YAML file (nested mappings
 * flattened to dotted keys, lists joined with commas), the environment variables, the command-line
 * flags. Each value remembers its origin for error messages; an unknown key fails, naming the
 * known ones. Stateless.
 */
final class ConfigSources {
  private ConfigSources() {
  }

  /** The raw settings of {@code file} (if any), {@code env} and {@code flags}, the later overriding the earlier. */
  static Map<ConfigKey, ConfigValues.Value> read(Optional<Path> file, Map<String, String> env,
      Map<String, String> flags) throws ConfigurationException {
    Map<ConfigKey, ConfigValues.Value> values = new EnumMap<>(ConfigKey.class);
    if (file.isPresent()) {
      readFile(file.get(), values);
    }
    for (ConfigKey k : ConfigKey.values()) {
      String e = env.get(k.envVariable());
      if (e != null && !e.isBlank()) {
        values.put(k, new ConfigValues.Value(e.trim(), "environment variable " + k.envVariable()));
      }
    }
    for (Map.Entry<String, String> f : flags.entrySet()) {
      ConfigKey k = ConfigKey.byKey(f.getKey()).orElseThrow(() -> unknown(f.getKey(), "the command line"));
      values.put(k, new ConfigValues.Value(f.getValue().trim(), "the command line"));
    }
    return values;
  }

  private static void readFile(Path file, Map<ConfigKey, ConfigValues.Value> values) throws ConfigurationException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigurationException("Could not read the configuration file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new ConfigurationException("The configuration file " + file + " must hold a YAML mapping of keys.");
    }
    flatten("", root, file, values);
  }

  private static void flatten(String prefix, JsonNode node, Path file, Map<ConfigKey, ConfigValues.Value> values)
      throws ConfigurationException {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = prefix + f.getKey();
      JsonNode value = f.getValue();
      if (value.isObject()) {
        flatten(key + ".", value, file, values);
        continue;
      }
      ConfigKey k = ConfigKey.byKey(key).orElseThrow(() -> unknown(key, file.toString()));
      String text = value.isArray() ? joined(value) : value.isNull() ? "" : value.asText();
      values.put(k, new ConfigValues.Value(text, file.toString()));
    }
  }

  private static String joined(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(e -> parts.add(e.asText()));
    return String.join(",", parts);
  }

  private static ConfigurationException unknown(String key, String origin) {
    return new ConfigurationException("Unknown setting \"" + key + "\" in " + origin + "; the settings are: "
        + String.join(", ", Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList()) + ".");
  }
}
