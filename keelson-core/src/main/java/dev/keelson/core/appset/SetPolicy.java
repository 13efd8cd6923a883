package dev.keelson.core.appset;

import java.time.Duration;
import java.util.List;

/**
 * The set's rules for changing its Applications.
 *
 * @param maxDeletePercent a pass deleting more than this share of the set's apps is held
 * @param agreeAfter how long after a hold a pass must come to agree with it (the set's interval),
 *     so that a burst of reconciles right after a bad result cannot confirm it
 */
public record SetPolicy(ApplicationsSync applicationsSync, int maxDeletePercent, List<IgnoreRule> ignore,
    Duration agreeAfter) {
  public static final int DEFAULT_MAX_DELETE_PERCENT = 50;

  public SetPolicy {
    ignore = List.copyOf(ignore);
    if (maxDeletePercent < 0 || maxDeletePercent > 100) {
      throw new IllegalArgumentException("syncPolicy.maxDeletePercent must be within 0..100");
    }
  }

  /** ignoreApplicationDifferences: pointers whose live value is kept, for the app named (all when null). */
  public record IgnoreRule(String name, List<String> jsonPointers) {
    public IgnoreRule {
      jsonPointers = List.copyOf(jsonPointers);
    }

    boolean appliesTo(String app) {
      return name == null || name.isBlank() || name.equals(app);
    }
  }
}
