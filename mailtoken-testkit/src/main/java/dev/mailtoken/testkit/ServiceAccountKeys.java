package dev.mailtoken.testkit;

import java.net.URI;
import java.util.Collection;

/** Placeholder; replaced by key generation. */
final class ServiceAccountKeys {
  private ServiceAccountKeys() {}

  static ServiceAccountKeyFile generate(String email, URI tokenUri, EmulatorMode mode) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  static ServiceAccountRegistration registration(ServiceAccountKeyFile keyFile, Collection<String> delegatedScopes) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
