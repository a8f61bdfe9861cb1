package dev.mailtoken.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@code authorize --manual}: the address the browser was redirected to, pasted on standard input.
 * The line is read on a daemon thread so the loopback listener can still win (a browser on this
 * machine, or through an SSH port forward). Only the shape is checked here; the {@code state} and
 * the PKCE verifier are checked by core as for a callback that arrived over HTTP.
 *
 * <p>Stateless; each {@link #read} starts one reader thread.
 */
final class PastedRedirect {
  private PastedRedirect() {
  }

  /** Completes with the pasted redirect, or fails with a {@link CliException} saying what was wrong. */
  static CompletableFuture<URI> read(InputStream stdin, URI redirectUri) {
    CompletableFuture<URI> pasted = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        pasted.complete(parse(line, redirectUri));
      } catch (IOException | RuntimeException e) {
        pasted.completeExceptionally(e);
      }
    }, "mailtoken-paste");
    reader.setDaemon(true);
    reader.start();
    return pasted;
  }

  static URI parse(String line, URI redirectUri) {
    String hint = "copy the whole address from the browser's address bar after consenting (it starts with "
        + redirectUri + "?) and paste it on one line";
    if (line == null) {
      throw new CliException(ExitCode.CONSENT, "no address was pasted (standard input ended); nothing was stored",
          "run authorize --manual again in a terminal, then " + hint);
    }
    String text = line.strip();
    if (text.length() > 1 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("<") && text.endsWith(">"))) {
      text = text.substring(1, text.length() - 1).strip();
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getRawQuery() == null || !(text.contains("code=") || text.contains("error="))) {
      throw new CliException(ExitCode.CONSENT, "the pasted text is not the address the provider redirected to"
          + " (no code= or error= in a query); nothing was stored", "run authorize --manual again, then "
          + (text.contains("=") || text.contains("?") || text.isEmpty() ? hint
              : hint + " (the code alone is not enough: mailtoken checks the state that comes with it)"));
    }
    return uri;
  }
}
