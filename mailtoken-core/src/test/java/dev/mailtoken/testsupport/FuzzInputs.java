package dev.mailtoken.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the fuzz tests: JSON-ish text built from the fields a parser reads, with values of
 * every JSON type and then cut, spliced or salted with control characters, plus plain random
 * text. Secret values are long runs of token characters that start with {@link #SECRET_MARK}, so
 * a test can look for any of them (or a 24-character piece of one) in a message.
 */
public final class FuzzInputs {
  public static final String SECRET_MARK = "sEcReT";
  /** How long one parser call may take before the test calls it a hang. */
  public static final Duration BOUND = Duration.ofSeconds(Long.getLong("mailtoken.fuzz.boundSeconds", 5));
  private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fuzz-runner");
    t.setDaemon(true);
    return t;
  });

  private FuzzInputs() {
  }

  /** A secret-looking value: the mark, then 20-60 token characters. */
  public static Arbitrary<String> secrets() {
    return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/")
        .ofMinLength(20).ofMaxLength(60).map(s -> SECRET_MARK + s);
  }

  /** Odd text: any characters, control characters and quotes included. */
  public static Arbitrary<String> oddText() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("\u0000\u0007\u001b\r\n\t\"\\{}[]:,\u202e\ud800 aZ9=/").ofMaxLength(30),
        Arbitraries.of("", " ", "Bearer", "bearer", "mac", "null", "{}", "[]", "\u001b[2J", "é", "😀"));
  }

  /** A JSON value, as text, of any type: odd numbers (huge, negative, fractional), strings, arrays, objects. */
  public static Arbitrary<String> jsonValue() {
    return Arbitraries.oneOf(
        Arbitraries.of("null", "true", "false", "0", "-1", "1", "3599", "3599.9", "-3600", "1e20", "1e400", "-1e400",
            "1E-7", "99999999999999999999999999", "9223372036854775807", "[]", "{}", "[1,2]", "{\"a\":{}}",
            "\"\"", "\"3599\"", "\"soon\"", "\" 3600 \"", "\"-1\"", "\"\\u0000\"", "\"\\ud800\""),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"),
        oddText().map(FuzzInputs::quote),
        secrets().map(FuzzInputs::quote));
  }

  /** A JSON object with some of {@code fields} (each with a value from {@code values}), then maybe damaged. */
  public static Arbitrary<String> jsonObject(List<String> fields, Arbitrary<String> values) {
    Arbitrary<List<String>> members = Combinators.combine(Arbitraries.of(fields), values)
        .as((f, v) -> quote(f) + ":" + v).list().ofMaxSize(fields.size() + 2);
    Arbitrary<String> whole = members.map(m -> "{" + String.join(",", m) + "}");
    return Arbitraries.oneOf(whole, whole, damaged(whole), Arbitraries.strings().ofMaxLength(200),
        Arbitraries.of("", " ", "null", "[]", "\"text\"", "<html><body>502 Bad Gateway</body></html>", "{", "{\"",
            "{\"access_token\":", "[{}]", "{}{}", "\u0000"));
  }

  /** {@code whole} cut short, with characters spliced in, or repeated. */
  public static Arbitrary<String> damaged(Arbitrary<String> whole) {
    return Combinators.combine(whole, Arbitraries.integers().between(0, 400), oddText())
        .as((s, at, junk) -> {
          int i = Math.min(at, s.length());
          return switch (at % 3) {
            case 0 -> s.substring(0, i);
            case 1 -> s.substring(0, i) + junk + s.substring(i);
            default -> s + s.substring(0, i);
          };
        });
  }

  public static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** The secrets in {@code text} (runs starting with the mark), for "is it in the message" checks. */
  public static List<String> secretsIn(String text) {
    List<String> found = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(SECRET_MARK + "[A-Za-z0-9._~+/-]{20,}").matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  /** True when {@code shown} holds a secret of {@code input}, or a 24-character piece of one. */
  public static boolean leaks(String shown, String input) {
    for (String secret : secretsIn(input)) {
      for (int i = 0; i + 24 <= secret.length(); i++) {
        if (shown.contains(secret.substring(i, i + 24))) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when {@code text} holds a character a terminal acts on (see {@link dev.mailtoken.internal.ServerText}). */
  public static boolean hasControlCharacters(String text) {
    return dev.mailtoken.internal.ServerText.needsEscaping(text);
  }

  /** Runs {@code work}, failing when it takes longer than {@link #BOUND} (a hang), and returns what it returned or threw. */
  public static <T> Outcome<T> bounded(Callable<T> work) {
    Future<T> f = RUNNER.submit(work);
    try {
      return new Outcome<>(f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS), null);
    } catch (ExecutionException e) {
      return new Outcome<>(null, e.getCause());
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError("the parser did not return within " + BOUND + " (a hang)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** What a bounded call returned, or what it threw. */
  public record Outcome<T>(T value, Throwable thrown) {
  }
}
