package dev.mailtoken.mail;

import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Takes Jakarta Mail's per-message service lookup off the send path.
 *
 * <p>Jakarta Mail 2.1 finds its {@link StreamProvider} anew on every {@code MimeMessage.writeTo}
 * and {@code saveChanges} ({@code FactoryFinder.find}: a {@link ServiceLoader} over the thread's
 * context class loader, which opens every jar on the class path). In the pooled-sending benchmark
 * that lookup is about 40 % of the cost of a send. While a send runs, the {@code Mailer} makes an
 * instance of this class the thread's context class loader: it answers that one resource lookup
 * from memory, naming the provider found once, and delegates everything else — classes and every
 * other resource — to the thread's previous context class loader, which is restored afterwards.
 * Nothing JVM-wide changes (the alternative, the {@code jakarta.mail.util.StreamProvider} system
 * property, would).
 *
 * <p>Thread-safe. When no provider can be found at start-up, {@link Shortcut#during} runs the
 * action unchanged.
 */
final class StreamProviderLookup extends ClassLoader {

  private static final String SERVICE = "META-INF/services/" + StreamProvider.class.getName();

  /** The provider's class name, found once; empty when there is none (then nothing is changed). */
  private static final Optional<String> PROVIDER = ServiceLoader.load(StreamProvider.class,
      Session.class.getClassLoader()).stream().findFirst().map(p -> p.type().getName());

  private final URL service;
  private final ClassLoader original;

  private StreamProviderLookup(ClassLoader original, String provider) {
    super(original != null ? original : Session.class.getClassLoader());
    this.original = original;
    byte[] content = (provider + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      this.service = new URL(null, "mailtoken-memory:" + SERVICE, new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
          return new URLConnection(url) {
            @Override
            public void connect() {
              // in memory: nothing to connect to
            }

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(content);
            }
          };
        }
      });
    } catch (MalformedURLException e) {
      throw new IllegalStateException("cannot happen: the URL has its own handler", e);
    }
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return SERVICE.equals(name) ? Collections.enumeration(List.of(service)) : super.getResources(name);
  }

  /** An action that may fail with a checked exception. */
  interface Action<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Switches a thread's context class loader to a {@link StreamProviderLookup} around an action.
   * One per {@code Mailer}; thread-safe. It keeps the last loader it made and reuses it while
   * threads come with the same context class loader (the usual case: one application loader).
   */
  static final class Shortcut {

    private volatile StreamProviderLookup last;

    /** Runs {@code action} with the lookup short-cut in place on this thread. */
    <T, E extends Exception> T during(Action<T, E> action) throws E {
      if (PROVIDER.isEmpty()) {
        return action.run();
      }
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      StreamProviderLookup lookup = last;
      if (lookup == null || lookup.original != previous) {
        lookup = new StreamProviderLookup(previous, PROVIDER.get());
        last = lookup;
      }
      thread.setContextClassLoader(lookup);
      try {
        return action.run();
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }
}
