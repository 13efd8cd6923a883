package dev.keelson.core.health;

import dev.keelson.core.model.ResourceKey;
import java.util.Objects;

/**
 * A user-written health rule for one kind, with Flux's {@code healthCheckExprs} semantics: CEL
 * expressions over the live object, tried in the order inProgress, failed, current; the first
 * that is true decides (Progressing, Degraded, Healthy), and none true means Progressing.
 *
 * <p>Expressions see the object as {@code self}. They may also name its top-level fields
 * directly ({@code status.conditions...}, {@code metadata.generation}), as Flux's expressions do,
 * so rules from Flux's library work unchanged.
 *
 * <p>The rule applies to every version of the kind: only the group of {@code apiVersion} counts.
 *
 * @param apiVersion e.g. {@code cert-manager.io/v1}
 * @param kind e.g. {@code Certificate}
 * @param current true when the object is healthy; required
 * @param inProgress true while the object is still progressing; optional (null or blank)
 * @param failed true when the object has failed; optional (null or blank)
 */
public record ExpressionHealthRule(
    String apiVersion, String kind, String current, String inProgress, String failed) {

  public ExpressionHealthRule {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    inProgress = blankToNull(inProgress);
    failed = blankToNull(failed);
  }

  /** Just the required expression. */
  public static ExpressionHealthRule of(String apiVersion, String kind, String current) {
    return new ExpressionHealthRule(apiVersion, kind, current, null, null);
  }

  public String group() {
    return ResourceKey.groupOf(apiVersion);
  }

  /** How messages name the rule: {@code healthChecks[cert-manager.io/Certificate]}. */
  public String label() {
    String group = group();
    return "healthChecks[" + (group.isEmpty() ? kind : group + "/" + kind) + "]";
  }

  /**
   * Checks every expression now, so a mistake is reported when the rule is configured rather
   * than on each assessment.
   *
   * @throws IllegalArgumentException naming the rule and the field, e.g. {@code
   *     healthChecks[example.com/Widget].current: invalid CEL expression ...}
   */
  public void validate() {
    ExpressionHealthCheck.compile(this);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
