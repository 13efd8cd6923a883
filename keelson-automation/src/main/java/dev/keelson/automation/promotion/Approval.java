package dev.keelson.automation.promotion;

/** Whether a stage takes its candidate at once or waits for `keelson promote approve`. */
public enum Approval {
  auto, required;

  /** @throws IllegalArgumentException naming the field */
  public static Approval parse(String field, String value) {
    if (value == null || value.isBlank()) return auto;
    try {
      return valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + value + " is not auto or required");
    }
  }
}
