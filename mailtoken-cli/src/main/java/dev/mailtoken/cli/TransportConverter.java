package dev.mailtoken.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code smtp}, {@code gmail-api}, {@code graph} → {@link StoreBackedSender.Kind}. Stateless. */
final class TransportConverter implements ITypeConverter<StoreBackedSender.Kind> {
  @Override
  public StoreBackedSender.Kind convert(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "smtp":
        return StoreBackedSender.Kind.SMTP;
      case "gmail-api":
      case "gmail":
        return StoreBackedSender.Kind.GMAIL_API;
      case "graph":
        return StoreBackedSender.Kind.GRAPH;
      default:
        throw new TypeConversionException("'" + value + "' is not a transport; use smtp, gmail-api or graph");
    }
  }

  /** The CLI's (and the store's) name of {@code kind}: smtp, gmail-api, graph. */
  static String name(StoreBackedSender.Kind kind) {
    switch (kind) {
      case GMAIL_API:
        return "gmail-api";
      case GRAPH:
        return "graph";
      default:
        return "smtp";
    }
  }
}
