/**
 * mailtoken-cli: the {@code mailtoken} command line (connect a mailbox, print access tokens, send
 * mail, run the server, diagnose). Its one package exports only what runs the commands in process
 * ({@code Main} with a {@code CliContext}: streams, environment, {@code Browser},
 * {@code SecretReader}; {@code ExitCode}); every command class is package-private. The runnable jar
 * ({@code bin/mailtoken}, the {@code all} classifier) runs on the class path.
 */
module dev.mailtoken.cli {
  requires transitive dev.mailtoken.core;
  requires dev.mailtoken.mail;
  requires dev.mailtoken.store;
  requires dev.mailtoken.server;
  // `mailtoken demo` and `serve --demo` run the provider emulators in process.
  requires dev.mailtoken.testkit;
  // Main.commandLine returns picocli's CommandLine.
  requires transitive info.picocli;
  requires com.fasterxml.jackson.databind;
  requires jakarta.mail;
  requires java.net.http;
  // The demo's loopback account chooser and mail sink.
  requires jdk.httpserver;
  // DesktopBrowser opens the consent page with java.awt.Desktop (loaded only when a browser is wanted).
  requires java.desktop;

  exports dev.mailtoken.cli;

  // picocli reads the commands' annotated fields and methods and sets them reflectively.
  opens dev.mailtoken.cli to info.picocli;
}
