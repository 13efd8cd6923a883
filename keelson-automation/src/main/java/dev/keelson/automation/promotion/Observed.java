package dev.keelson.automation.promotion;

/**
 * A stage's Application as seen now.
 *
 * @param freight what it runs (read from Git at its synced revision); null when not known
 * @param failure why its sync failed or it is Degraded, or null
 */
public record Observed(boolean found, boolean synced, boolean healthy, Freight freight, String failure) {
  public static Observed missing() {
    return new Observed(false, false, false, null, null);
  }
}
