package dev.mailtoken.oauth;

import java.util.Objects;

/** What one device-code poll answered, when it was not a failure. */
sealed interface DevicePoll {
  /** The user has not answered yet ({@code authorization_pending}, Google's 428): poll again after the interval. */
  record Pending() implements DevicePoll {
  }

  /** {@code slow_down}: poll again, with the interval 5 s longer from now on (T-D-02). */
  record SlowDown() implements DevicePoll {
  }

  /** The user consented: the tokens. */
  record Granted(TokenResponse tokens) implements DevicePoll {
    public Granted {
      Objects.requireNonNull(tokens, "tokens");
    }
  }
}
