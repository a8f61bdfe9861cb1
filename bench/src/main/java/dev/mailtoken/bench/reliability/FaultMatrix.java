package dev.mailtoken.bench.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fault matrix behind {@code docs/RELIABILITY.md}: runs every {@link Row} (each on a fresh
 * {@link Stage}) and writes the document. Real processes and real time: minutes, so never part of
 * {@code mvn test}; {@code bench/reliability.sh} runs it.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.mailtoken.bench.reliability.FaultMatrix
 * [--out docs/RELIABILITY.md] [--only ROW,ROW]}. With {@code --only} the chosen rows run and their
 * table is printed; nothing is written.
 */
public final class FaultMatrix {
  private FaultMatrix() {
  }

  /** Every row, in the document's order. Defining them starts nothing. */
  static List<Row> rows() {
    return Stream.of(TokenEndpointRows.rows(), CrashRows.rows(), KeyRotationRows.rows(), TamperRows.rows(),
        ManyProcessRows.rows(), DatabaseRows.rows()).flatMap(List::stream).toList();
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of("docs/RELIABILITY.md");
    Set<String> only = Set.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--only" -> only = Set.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class Javadoc");
      }
    }
    Set<String> chosen = only;
    List<Row> rows = rows().stream().filter(r -> chosen.isEmpty() || chosen.contains(r.id())).toList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no row matches " + only + "; rows: " + rows().stream().map(Row::id).toList());
    }
    Limits limits = Limits.DEFAULT;
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    double loadBefore = RunContext.load();
    List<RowResult> results = new ArrayList<>();
    try (Databases databases = new Databases()) {
      for (Row row : rows) {
        System.out.println("== " + row.id() + ": " + row.fault());
        RowResult result = runOne(row, limits, databases);
        System.out.println("   " + result.outcome() + " | " + Bound.measured(result.elapsed()) + " / "
            + Bound.seconds(result.bound().limit()) + " | requests " + result.requests() + " | lost "
            + result.lostVerdict());
        results.add(result);
      }
    }
    String document = ReliabilityReport.render(rows, results, limits, RunContext.finished(started, startNanos,
        loadBefore));
    if (only.isEmpty()) {
      Files.writeString(out, document, StandardCharsets.UTF_8);
      System.out.println("wrote " + out);
    } else {
      System.out.println(document);
    }
  }

  private static RowResult runOne(Row row, Limits limits, Databases databases) {
    try (Stage stage = new Stage(limits, row.rotation(), databases.newStore(row.store()))) {
      RowResult result = row.scenario().run(stage);
      String shown = result.outcome() + result.lostVerdict() + result.notes() + result.requests();
      for (String secret : stage.secrets()) {
        if (shown.contains(secret)) {
          return RowResult.broken(new IllegalStateException("a secret the emulator issued appeared in the output"));
        }
      }
      return result;
    } catch (Exception e) {
      e.printStackTrace();
      return RowResult.broken(e);
    }
  }
}
