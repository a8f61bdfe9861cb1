package dev.mailtoken.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code mailtoken} subcommand by name, in help order, and the one a command line names.
 * picocli builds a model of each registered command by reflection, which for all of them costs
 * more than the rest of a cached {@code mailtoken token}; the process entry point therefore
 * registers only the subcommand the arguments name ({@link #namedIn}), and every one when they name
 * none (root help, version, usage errors). {@link Main#commandLine} registers all. Stateless.
 */
final class Subcommands {
  /** Name → command class; each name is the class's {@code @Command(name)} (a test checks). */
  static final Map<String, Class<?>> ALL = all();

  /** Root options that take a value, so the word after them is not a subcommand name. */
  private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--home", "--db");

  private Subcommands() {
  }

  private static Map<String, Class<?>> all() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("apps", AppsCommand.class);
    m.put("authorize", AuthorizeCommand.class);
    m.put("import", ImportCommand.class);
    m.put("accounts", AccountsCommand.class);
    m.put("token", TokenCommand.class);
    m.put("send", SendCommand.class);
    m.put("sendmail", SendmailCommand.class);
    m.put("revoke", RevokeCommand.class);
    m.put("doctor", DoctorCommand.class);
    m.put("keys", KeysCommand.class);
    m.put("demo", DemoCommand.class);
    m.put("serve", ServeCommand.class);
    m.put("api-tokens", ApiTokensCommand.class);
    m.put("admin-password", AdminPasswordCommand.class);
    m.put("completion", CompletionCommand.class);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The subcommand {@code args} run (the first word that names one and is not a root option's
   * value), alone; every subcommand when no word names one.
   */
  static Map<String, Class<?>> namedIn(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
        i++;
      } else if (ALL.containsKey(a)) {
        return Map.of(a, ALL.get(a));
      } else if (!a.startsWith("-")) {
        return ALL;   // an unknown command: picocli's error lists the known ones
      }
    }
    return ALL;
  }
}
