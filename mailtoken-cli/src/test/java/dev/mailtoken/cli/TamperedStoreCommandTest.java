package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seen attack: write access to the database only, one plain SQL UPDATE of the app's token
 * endpoint. Every command refuses the app (exit 5, "changed without the store key") and nothing
 * connects to the attacker's loopback listener.
 */
class TamperedStoreCommandTest {
  @TempDir
  Path home;

  private ServerSocket attacker;
  private final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void listen() throws IOException {
    attacker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!attacker.isClosed()) {
        try (Socket s = attacker.accept()) {
          connections.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    }, "attacker");
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stop() throws IOException {
    attacker.close();
  }

  @Test
  void givenTokenEndpointChangedWithPlainSql_whenCommandsRun_thenRefusedAndNothingReachesTheAttacker()
      throws Exception {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.importAccount(CliFixture.USER, List.of("https://mail.google.com/"));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("mailtoken.db"));
          PreparedStatement ps = c.prepareStatement("UPDATE apps SET token_endpoint = ?")) {
        ps.setString(1, "http://127.0.0.1:" + attacker.getLocalPort() + "/token");
        ps.executeUpdate();
      }

      CliRun token = cli.run("token", CliFixture.USER, "--renew");
      CliRun revoke = cli.run("revoke", CliFixture.USER);
      CliRun doctor = cli.run("doctor", "--refresh");

      assertThat(token.exitCode()).as(token.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(token.err()).contains("App test was changed without the store key", "re-add it");
      assertThat(revoke.exitCode()).as(revoke.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(ExitCode.FAILURE.code());
      assertThat(doctor.out()).contains("[problem] " + CliFixture.USER + ": App test was changed without the store key");
      assertThat(connections.get()).isZero();
    }
  }
}
