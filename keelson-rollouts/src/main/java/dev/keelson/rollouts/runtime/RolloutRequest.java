package dev.keelson.rollouts.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * An operator's request on a Rollout: the value of {@link #ANNOTATION}, compact JSON such as
 * {@code {"action":"promote","by":"alice","at":"2026-11-26T10:00:00.123Z"}}. {@code at} is the
 * token: the controller answers a request once and records it in status.history.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutRequest(Action action, String by, String at) {
  public static final String ANNOTATION = "rollouts.keelson.dev/request";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Spelled as the CLI's subcommands. */
  public enum Action {
    promote, promoteFull, abort, retry, pause, resume
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Empty when absent or not a request. */
  public static Optional<RolloutRequest> parse(String value) {
    if (value == null || value.isBlank()) return Optional.empty();
    try {
      RolloutRequest r = JSON.readValue(value, RolloutRequest.class);
      return r.action() == null || r.at() == null ? Optional.empty() : Optional.of(r);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
