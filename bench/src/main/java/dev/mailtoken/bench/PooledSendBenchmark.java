package dev.mailtoken.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pooled sending of ~2 KB messages over 5 connections to one local XOAUTH2 sink ({@link SmtpSink}),
 * all legs in one run so the ratios are comparable:
 *
 * <ul>
 *   <li><b>raw</b>: {@link RawSmtpClient}, pipelined, pre-formatted bytes — the ceiling;
 *   <li><b>raw+mime</b>: the same client sending the bytes of the {@code MimeMessage} every Java
 *       leg builds — the ceiling for any client whose caller builds a {@code MimeMessage} — and
 *       the same without pipelining (one round trip per command, as Angus Mail does);
 *   <li><b>angus</b>: plain Angus Mail, a fixed token, one {@code Transport} per thread — what a
 *       Java user writes today; <b>angus-tuned</b>: the same with the stream provider named by a
 *       system property (see {@link #NAMED_STREAM_PROVIDER});
 *   <li><b>mailtoken</b>: {@link MailtokenLeg}, the {@code Mailer} with its pool of 5 and a
 *       {@code TokenManager} serving a refresh-token account from the provider emulator;
 *   <li><b>nodemailer</b>: the npm package, pooled with {@code maxConnections: 5}, fixed token
 *       ({@code bench/nodemailer/send.js}, run with {@code node}).
 * </ul>
 *
 * <p>Every Java leg builds a new {@code MimeMessage} per send, as an application does; each leg
 * sends a warm-up first, then {@link #ROUNDS} timed rounds whose median is its rate, and
 * runs in a JVM of its own. The warm-up is timed too: it is the leg's first messages from a cold
 * JVM. Usage: {@code PooledSendBenchmark [messages] [warmup] [leg ...]} (no leg names: every leg;
 * names from {@link #LEGS} and {@code nodemailer}).
 */
public final class PooledSendBenchmark {

  static final int CONNECTIONS = 5;
  static final String USER = "bench@example.com";
  static final String TEXT = ("x".repeat(76) + "\r\n").repeat(26); // 2,028 bytes of body

  private PooledSendBenchmark() {
  }

  /** The Java legs, in the order they run; each runs in a JVM of its own. */
  private static final Map<String, String> LEGS = new LinkedHashMap<>();

  static {
    LEGS.put("raw", "raw socket client (pipelined)");
    LEGS.put("raw+mime", "raw socket client sending MimeMessage bytes (pipelined)");
    LEGS.put("raw+mime-1", "raw socket client sending MimeMessage bytes (no pipelining)");
    LEGS.put("angus", "plain Angus Mail, fixed token");
    LEGS.put("angus-tuned", "plain Angus Mail, fixed token, StreamProvider system property");
    LEGS.put("mailtoken", "mailtoken Mailer");
  }

  /**
   * Names Jakarta Mail's stream provider so it is not looked up with a class-path scan per message
   * (what mailtoken's {@code Mailer} does for its own sends without a JVM-wide setting). Given to
   * the MimeMessage ceilings and to the tuned Angus leg.
   */
  private static final String NAMED_STREAM_PROVIDER =
      "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider";
  private static final Map<String, List<String>> JVM_OPTIONS = Map.of(
      "raw+mime", List.of(NAMED_STREAM_PROVIDER),
      "raw+mime-1", List.of(NAMED_STREAM_PROVIDER),
      "angus-tuned", List.of(NAMED_STREAM_PROVIDER));

  /**
   * {@code [messages] [warmup]}: starts the sink, then runs every leg against it — each Java leg
   * in a fresh JVM (same java, same class path) so no leg inherits another's JIT-compiled code,
   * Nodemailer under {@code node} — and prints the table. {@code --leg NAME PORT MESSAGES WARMUP}
   * is one leg (what the driver forks).
   */
  public static void main(String[] args) throws Exception {
    String token = "ya29.bench-" + "a".repeat(180);
    if (args.length > 0 && args[0].equals("--leg")) {
      double rate = leg(args[1], Integer.parseInt(args[2]), token, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      System.out.printf(Locale.ROOT, "RATE %.1f%n", rate);
      return;
    }
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
    List<String> only = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    Map<String, Double> rates = new LinkedHashMap<>();
    try (SmtpSink sink = new SmtpSink(token)) {
      for (Map.Entry<String, String> leg : LEGS.entrySet()) {
        if (only.isEmpty() || only.contains(leg.getKey())) {
          rates.put(leg.getValue(), fork(leg.getKey(), sink.port(), count, warmup));
        }
      }
      if (only.isEmpty() || only.contains("nodemailer")) {
        rates.put("Nodemailer (pooled)", nodemailer(sink.port(), token, count, warmup));
      }
      System.out.printf(Locale.ROOT, "sink received %d messages, %d authentications%n",
          sink.messages(), sink.authentications());
    }
    report(rates, count);
  }

  private static double fork(String leg, int port, int count, int warmup) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(JVM_OPTIONS.getOrDefault(leg, List.of()));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), PooledSendBenchmark.class.getName(),
        "--leg", leg, String.valueOf(port), String.valueOf(count), String.valueOf(warmup)));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String rate = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RATE ")) {
          rate = line.substring(5);
        } else {
          System.out.println(line);
        }
      }
    }
    if (p.waitFor() != 0 || rate == null) {
      throw new IOException("leg " + leg + " failed");
    }
    return Double.parseDouble(rate);
  }

  private static double leg(String name, int port, String token, int count, int warmup) throws Exception {
    Session plain = Session.getInstance(new Properties());
    switch (name) {
      case "raw":
        return measure(name, count, warmup, n -> raw(port, token, n, true, PooledSendBenchmark::rawMessage));
      case "raw+mime":
        return measure(name, count, warmup, n -> raw(port, token, n, true, i -> mimeBytes(plain, i)));
      case "raw+mime-1":
        return measure(name, count, warmup, n -> raw(port, token, n, false, i -> mimeBytes(plain, i)));
      case "angus":
      case "angus-tuned":
        return measure(name, count, warmup, n -> angus(port, token, n));
      case "mailtoken":
        try (MailtokenLeg mailtoken = new MailtokenLeg()) {
          mailtoken.start(port, token);
          double rate = measure(name, count, warmup, n -> threads(n, mailtoken::send));
          System.out.printf(Locale.ROOT, "mailtoken token requests (callback calls): %d%n", mailtoken.tokenRequests());
          return rate;
        }
      default:
        throw new IllegalArgumentException("no leg " + name + "; legs: " + LEGS.keySet());
    }
  }

  interface Leg {
    void run(int messages) throws Exception;
  }

  interface Send {
    void send(int index) throws Exception;
  }

  /** Rounds measured per leg after the warm-up; the leg's rate is their median. */
  static final int ROUNDS = 3;

  /**
   * Times the warm-up too (the leg's first messages from a cold JVM), then {@link #ROUNDS} rounds,
   * and prints every one, the rounds' spread (fastest ÷ slowest) and cold ÷ median.
   */
  private static double measure(String name, int count, int warmup, Leg leg) throws Exception {
    double cold = warmup > 0 ? timed(name, "cold", warmup, leg) : Double.NaN;
    double[] rates = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      rates[round] = timed(name, "round " + (round + 1), count, leg);
    }
    java.util.Arrays.sort(rates);
    double median = rates[ROUNDS / 2];
    System.out.printf(Locale.ROOT, "%-11s spread: fastest/slowest round %.2f, cold/median %.2f%n", name,
        rates[ROUNDS - 1] / rates[0], cold / median);
    return median;
  }

  /**
   * Runs one timed phase and prints its rate and the leg process's CPU time per message (all its
   * threads, the JIT compilers' included): on a shared machine the CPU cost is the steadier figure.
   */
  private static double timed(String name, String what, int messages, Leg leg) throws Exception {
    long cpuStart = processCpuNanos();
    long[] threadsStart = ThreadCpu.jitAndGcTicks();
    long start = System.nanoTime();
    leg.run(messages);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicrosPerMessage = (processCpuNanos() - cpuStart) / 1e3 / messages;
    long[] threadsEnd = ThreadCpu.jitAndGcTicks();
    double rate = messages / seconds;
    System.out.printf(Locale.ROOT, "%-11s %s: %,d messages in %.2f s = %,.0f msg/s (client CPU %.0f µs/msg;"
        + " JIT %.2f s, GC %.2f s)%n", name, what, messages, seconds, rate, cpuMicrosPerMessage,
        ThreadCpu.seconds(threadsEnd[0] - threadsStart[0]), ThreadCpu.seconds(threadsEnd[1] - threadsStart[1]));
    return rate;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * Sender threads of the mailtoken leg: {@link #CONNECTIONS} unless {@code -Dbench.senders=N} (more
   * threads than pooled connections makes them wait for each other's connections).
   */
  static final int SENDERS = Integer.getInteger("bench.senders", CONNECTIONS);

  /** Runs {@code send} for indexes 0..n-1 on {@link #SENDERS} threads. */
  static void threads(int n, Send send) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < SENDERS; t++) {
        Callable<Void> worker = () -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            send.send(i);
          }
          return null;
        };
        done.add(pool.submit(worker));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  interface Bytes {
    byte[] of(int index) throws Exception;
  }

  private static void raw(int port, String token, int n, boolean pipelining, Bytes messages) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < CONNECTIONS; t++) {
        done.add(pool.submit(() -> {
          try (RawSmtpClient client = new RawSmtpClient(port, USER, token, pipelining)) {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
              client.send(messages.of(i));
            }
          }
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] rawMessage(int i) {
    return ("From: " + USER + "\r\nTo: sink@example.com\r\nSubject: bench message " + i
        + "\r\nMessage-ID: <" + i + ".bench@example.com>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + TEXT).getBytes(StandardCharsets.US_ASCII);
  }

  private static void angus(int port, String token, int n) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.auth", "true");
    props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
    Session session = Session.getInstance(props);
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < CONNECTIONS; t++) {
        done.add(pool.submit(() -> {
          Transport transport = session.getTransport("smtp");
          transport.connect("127.0.0.1", port, USER, token);
          try {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
              MimeMessage message = message(session, i);
              transport.sendMessage(message, message.getAllRecipients());
            }
          } finally {
            transport.close();
          }
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same MimeMessage every Java leg sends, serialised (CRLF lines; no line starts with a dot). */
  private static byte[] mimeBytes(Session session, int i) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(4096);
    message(session, i).writeTo(out);
    return out.toByteArray();
  }

  static MimeMessage message(Session session, int i) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(USER));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("sink@example.com"));
    message.setSubject("bench message " + i);
    message.setText(TEXT, "us-ascii");
    message.saveChanges();
    return message;
  }

  private static double nodemailer(int port, String token, int count, int warmup) throws Exception {
    Path script = Path.of("bench/nodemailer/send.js");
    if (!Files.exists(script.resolveSibling("node_modules/nodemailer"))) {
      throw new IllegalStateException("run `npm ci --prefix bench/nodemailer` first (bench/run.sh does)");
    }
    Process node = new ProcessBuilder("node", script.toString(), String.valueOf(port), String.valueOf(count),
        String.valueOf(CONNECTIONS), token, String.valueOf(warmup), String.valueOf(ROUNDS))
        .redirectErrorStream(true).start();
    String last = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = line;
      }
    }
    if (node.waitFor() != 0 || last == null || !last.startsWith("{")) {
      throw new IOException("nodemailer leg failed: " + last);
    }
    double rate = Double.parseDouble(last.replaceAll(".*\"median\":([0-9.eE+-]+).*", "$1"));
    System.out.printf(Locale.ROOT, "%-11s median of %d rounds: %,.0f msg/s (%s)%n", "nodemailer", ROUNDS, rate, last);
    return rate;
  }

  private static void report(Map<String, Double> rates, int count) {
    double mailtoken = rates.getOrDefault("mailtoken Mailer", Double.NaN);
    System.out.printf(Locale.ROOT, "%n| client | msg/s | mailtoken ÷ client |%n|---|---:|---:|%n");
    rates.forEach((name, rate) -> System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f× |%n", name, rate,
        mailtoken / rate));
    System.out.printf(Locale.ROOT, "%n%,d messages per leg, %d connections, ~2 KB each%n", count, CONNECTIONS);
  }
}
