package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamProviderLookupTest {

  private static final String SERVICE = "META-INF/services/jakarta.mail.util.StreamProvider";

  @Test
  void givenASend_whenJakartaMailLooksUpItsStreamProvider_thenTheAnswerComesFromMemoryNamingAngus() throws Exception {
    StreamProviderLookup.Shortcut shortcut = new StreamProviderLookup.Shortcut();

    List<URL> urls = shortcut.during(
        () -> Collections.list(Thread.currentThread().getContextClassLoader().getResources(SERVICE)));

    assertThat(urls).hasSize(1);
    assertThat(urls.get(0).getProtocol()).isEqualTo("mailtoken-memory");
    try (InputStream in = urls.get(0).openStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
          .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  @Test
  void givenASend_whenOtherClassesAndResourcesAreLookedUp_thenThePreviousContextLoaderAnswers() throws Exception {
    StreamProviderLookup.Shortcut shortcut = new StreamProviderLookup.Shortcut();

    Class<?> loaded = shortcut.during(() -> Thread.currentThread().getContextClassLoader()
        .loadClass("org.eclipse.angus.mail.smtp.SMTPTransport"));
    URL mailcap = shortcut.during(() -> Thread.currentThread().getContextClassLoader()
        .getResource("META-INF/services/jakarta.mail.Provider"));

    assertThat(loaded.getClassLoader()).isSameAs(getClass().getClassLoader());
    assertThat(mailcap).isNotNull();
  }

  @Test
  void givenAFailingSend_whenItThrows_thenTheThreadsContextLoaderIsRestored() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    StreamProviderLookup.Shortcut shortcut = new StreamProviderLookup.Shortcut();

    assertThatThrownBy(() -> shortcut.during(() -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }
}
