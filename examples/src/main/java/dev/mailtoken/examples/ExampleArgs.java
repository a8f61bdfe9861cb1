package dev.mailtoken.examples;

import dev.mailtoken.Secret;
import dev.mailtoken.mail.SmtpSecurity;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.oauth.OAuthProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What an example is given: options ({@code --name value}, each may repeat) and the environment,
 * where secrets come from (a secret on the command line would show in {@code ps}). The endpoint
 * options exist so the tests can point an example at the emulators; without them an example talks
 * to the real provider. Immutable.
 *
 * <p>Endpoint options: {@code --token-endpoint URL} (the provider's token endpoint),
 * {@code --device-endpoint URL} (its device authorization endpoint),
 * {@code --smtp-host H --smtp-port P} (STARTTLS; the provider's SMTP server by default),
 * {@code --smtp-ca-file PEM} (trust this certificate instead of the JDK's CAs).
 */
record ExampleArgs(Map<String, List<String>> options, Map<String, String> env) {
  ExampleArgs {
    options = Map.copyOf(options);
    env = Map.copyOf(env);
  }

  /**
   * Reads {@code --name value} pairs.
   *
   * @throws IllegalArgumentException for a word that is not an option, or an option without a value
   */
  static ExampleArgs parse(String[] args, Map<String, String> env) {
    Map<String, List<String>> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got \"" + args[i] + "\"");
      }
      options.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
    }
    return new ExampleArgs(options.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))), env);
  }

  Optional<String> option(String name) {
    List<String> values = options.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  /** The option's value; {@link IllegalArgumentException} naming it when it is missing. */
  String required(String name) {
    return option(name).orElseThrow(() -> new IllegalArgumentException("missing option " + name));
  }

  /** A value from the environment; {@link IllegalArgumentException} naming the variable when unset. */
  String env(String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("set the environment variable " + variable);
    }
    return value;
  }

  /** A secret from the environment, wrapped at once so it never prints. */
  Secret secret(String variable) {
    return Secret.of(env(variable));
  }

  /**
   * {@code provider}, with the token endpoint of {@code --token-endpoint} and the device
   * authorization endpoint of {@code --device-endpoint} when given.
   */
  OAuthProvider provider(OAuthProvider provider) {
    Optional<String> token = option("--token-endpoint");
    Optional<String> device = option("--device-endpoint");
    if (token.isEmpty() && device.isEmpty()) {
      return provider;
    }
    var builder = provider.toBuilder();
    token.ifPresent(uri -> builder.tokenEndpoint(URI.create(uri)));
    device.ifPresent(uri -> builder.deviceAuthorizationEndpoint(URI.create(uri)));
    return builder.build();
  }

  /** The provider's SMTP server, or {@code --smtp-host}/{@code --smtp-port} with STARTTLS. */
  SmtpServer smtpServer(OAuthProvider provider) {
    Optional<String> host = option("--smtp-host");
    if (host.isEmpty()) {
      return SmtpServer.forProvider(provider);
    }
    var builder = SmtpServer.builder().host(host.get()).port(Integer.parseInt(option("--smtp-port").orElse("587")))
        .security(SmtpSecurity.STARTTLS);
    option("--smtp-ca-file").ifPresent(pem -> builder.sslContext(trusting(Path.of(pem))));
    return builder.build();
  }

  /** An SSL context that trusts only the certificate in {@code pem}. */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("smtp", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read a certificate from " + pem + ": " + e.getMessage(), e);
    }
  }
}
