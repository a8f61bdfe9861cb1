package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * The process entry point registers only the subcommand the arguments name (picocli's model of
 * every command costs more than a cached {@code mailtoken token} itself); with only that one the
 * command line behaves as with all of them.
 */
class SubcommandsTest {
  @TempDir
  Path home;

  @Test
  void givenEverySubcommand_whenItsAnnotationIsRead_thenItsNameIsItsKey() {
    Subcommands.ALL.forEach((name, type) -> assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
  }

  @Test
  void givenRootOptionsBeforeTheCommand_whenLookedUp_thenOnlyTheCommandIsRegistered() {
    assertThat(Subcommands.namedIn(new String[] {"--home", "token", "--verbose", "token", "a@b.c"}))
        .isEqualTo(Map.of("token", TokenCommand.class));
    assertThat(Subcommands.namedIn(new String[] {"--db=jdbc:sqlite:x.db", "keys", "status"}).keySet())
        .containsExactly("keys");
  }

  @Test
  void givenNoCommandOrAnUnknownOne_whenLookedUp_thenEveryCommandIsRegistered() {
    assertThat(Subcommands.namedIn(new String[] {"--version"})).isSameAs(Subcommands.ALL);
    assertThat(Subcommands.namedIn(new String[] {"tokne", "a@b.c"})).isSameAs(Subcommands.ALL);
    assertThat(Subcommands.namedIn(new String[0])).isSameAs(Subcommands.ALL);
  }

  @Test
  void givenOnlyTheNamedCommandRegistered_whenRunWithRootOptionsAfterIt_thenItRunsAsWithAllOfThem() {
    try (CliFixture fixture = CliFixture.google(home)) {
      fixture.withDesktopApp();
      String[] args = {"apps", "list", "--home", home.toString()};
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.PrintWriter pw = new java.io.PrintWriter(out, true);
      Main main = new Main(new CliContext(fixture.env, fixture.clock, SecretReader.none(), fixture.browser,
          java.util.Optional.empty()));

      int code = main.commandLine(pw, pw, Subcommands.namedIn(args)).execute(args);

      assertThat(code).isZero();
      assertThat(out.toString()).isEqualTo(fixture.run(args).out());
      assertThat(out.toString()).contains("test");
    }
  }
}
