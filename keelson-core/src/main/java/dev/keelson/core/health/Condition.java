package dev.keelson.core.health;

import java.util.Map;

/** One entry of {@code status.conditions}, the convention nearly every controller follows. */
record Condition(String type, String status, String reason, String message) {

  static Condition of(Map<String, Object> raw) {
    return new Condition(
        Fields.string(raw, "type"),
        Fields.string(raw, "status"),
        Fields.string(raw, "reason"),
        Fields.string(raw, "message"));
  }

  boolean isTrue() {
    return "True".equals(status);
  }

  boolean isFalse() {
    return "False".equals(status);
  }

  /** The message, or the reason when the controller left the message empty. */
  String explanation() {
    return !message.isEmpty() ? message : reason;
  }
}
