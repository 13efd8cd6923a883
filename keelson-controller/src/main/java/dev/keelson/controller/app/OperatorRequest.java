package dev.keelson.controller.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The value of a request annotation: who asked, when (the token echoed in status once handled),
 * and the request's argument, if any. Serialised as compact JSON, e.g.
 * {@code {"by":"alice","at":"2026-11-26T10:00:00.123Z","revision":"3f2c..."}}.
 *
 * @param by the user who asked
 * @param at when, ISO-8601; unique per request
 * @param revision for approve: the approved commit SHA (null: whatever is pending)
 * @param historyId for rollback: the history entry to return to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorRequest(String by, String at, String revision, Long historyId) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public static OperatorRequest of(String by, String at) {
    return new OperatorRequest(by, at, null, null);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Empty when the value is absent or not a request (a hand-written value without "at"). */
  public static Optional<OperatorRequest> parse(String value) {
    if (value == null || value.isBlank()) return Optional.empty();
    try {
      OperatorRequest r = JSON.readValue(value, OperatorRequest.class);
      return r.at() == null ? Optional.empty() : Optional.of(r);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
