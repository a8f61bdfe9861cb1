package dev.mailtoken.server.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands: {@code pending} (due now or later), {@code delivered} (2xx), {@code failed} (given up). */
public enum DeliveryState {
  PENDING,
  DELIVERED,
  FAILED;

  /** The name in JSON and in the database, e.g. {@code pending}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }

  public static Optional<DeliveryState> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }
}
