package dev.mailtoken.bench.reliability;

/** The store a row runs on. */
enum StoreKind {
  /** A SQLite file in the row's home: what a single machine uses. */
  SQLITE("SQLite"),
  /** A database of its own on an embedded PostgreSQL server on loopback: what many machines share. */
  POSTGRESQL("PostgreSQL");

  private final String label;

  StoreKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
