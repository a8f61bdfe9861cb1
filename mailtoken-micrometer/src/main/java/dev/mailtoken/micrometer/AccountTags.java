package dev.mailtoken.micrometer;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link TokenMetrics} and {@link MailerMetrics} share: an account's {@code provider} and
 * {@code app} tags from the user's labeller (a labeller that throws or answers {@code null} counts
 * the account as {@link MeterLabels#UNKNOWN}), and the check of the common tags a user adds.
 * Stateless.
 */
final class AccountTags {
  private static final Logger LOG = LoggerFactory.getLogger(AccountTags.class);

  private AccountTags() {
  }

  /** {@code account}'s tags; {@code who} names the binder in the warning ("token metrics"). */
  static Tags of(Function<String, MeterLabels> labeller, String account, String who) {
    MeterLabels labels;
    try {
      labels = labeller.apply(account);
    } catch (RuntimeException e) {
      LOG.warn("{} labeller failed for account={} ({}); counted as unknown", who, account, e.toString());
      labels = MeterLabels.UNKNOWN;
    }
    if (labels == null) {
      labels = MeterLabels.UNKNOWN;
    }
    return Tags.of("provider", labels.provider(), "app", labels.app());
  }

  /**
   * {@code tags} as common tags of {@code owner}'s meters.
   *
   * @throws IllegalArgumentException when a key is one of {@code reserved}, which the binder sets
   */
  static Tags common(Iterable<Tag> tags, Collection<String> reserved, String owner) {
    List<String> clashes = new ArrayList<>();
    for (Tag t : tags) {
      if (reserved.contains(t.getKey())) {
        clashes.add(t.getKey());
      }
    }
    if (!clashes.isEmpty()) {
      throw new IllegalArgumentException("the tag keys " + clashes + " are set by " + owner + " itself");
    }
    return Tags.of(tags);
  }
}
