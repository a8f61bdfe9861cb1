package dev.mailtoken.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code smtp}, {@code gmail-api}, {@code graph} → {@link Outbox.Kind}. Stateless. */
final class TransportConverter implements ITypeConverter<Outbox.Kind> {
  @Override
  public Outbox.Kind convert(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "smtp":
        return Outbox.Kind.SMTP;
      case "gmail-api":
      case "gmail":
        return Outbox.Kind.GMAIL_API;
      case "graph":
        return Outbox.Kind.GRAPH;
      default:
        throw new TypeConversionException("'" + value + "' is not a transport; use smtp, gmail-api or graph");
    }
  }
}
