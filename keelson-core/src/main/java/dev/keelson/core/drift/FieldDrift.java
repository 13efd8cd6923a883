package dev.keelson.core.drift;

/**
 * One field in which the live object differs from Git, and who made it so.
 *
 * @param path the field as people write it, e.g. {@code spec.template.spec.containers[0].image}
 * @param pointer the same as an RFC 6901 JSON pointer, as ignoreDifferences takes it
 * @param live the live value (masked for Secret data), null when absent
 * @param desired the value a sync would write (masked likewise), null when Git leaves it out
 * @param manager the field manager that owns the live value, or empty when none does
 * @param operation Apply or Update (the manager's write), empty when unknown
 * @param time when that manager last wrote (RFC 3339), empty when unknown
 */
public record FieldDrift(String path, String pointer, Object live, Object desired, String manager, String operation,
    String time, Classification classification) {

  /** "spec.replicas 3 -> 5 by kubectl-edit at 12:01:07", for events. */
  public String sentence() {
    StringBuilder s = new StringBuilder(path).append(' ').append(show(desired)).append(" -> ").append(show(live));
    s.append(manager.isEmpty() ? " by no field manager" : " by " + manager);
    if (!time.isEmpty()) s.append(" at ").append(clock(time));
    return s.toString();
  }

  private static String show(Object v) {
    if (v == null) return "(absent)";
    String text = v instanceof String str ? str : dev.keelson.core.diff.JsonValues.canonicalJson(v);
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  /** The time of day of an RFC 3339 timestamp (2026-12-01T12:01:07Z -> 12:01:07). */
  private static String clock(String rfc3339) {
    int t = rfc3339.indexOf('T');
    return t < 0 ? rfc3339 : rfc3339.substring(t + 1).replace("Z", "");
  }
}
