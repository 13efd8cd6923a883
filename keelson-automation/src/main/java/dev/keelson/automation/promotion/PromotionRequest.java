package dev.keelson.automation.promotion;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * A request by hand on a PromotionPipeline, the value of its promote or approve annotation, as
 * compact JSON: {@code {"stage":"prod","revision":"v1.2.0","by":"alice","at":"2026-..."}}. {@code at}
 * is the token the controller echoes in status once it answered.
 *
 * @param stage promote: the stage promoted to; approve: the stage approved (null: the one waiting)
 * @param revision promote: the commit or tag of the stage before to take the candidate from (null:
 *     what it runs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionRequest(String stage, String revision, String by, String at) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Empty when absent or not a request. */
  public static Optional<PromotionRequest> parse(String value) {
    if (value == null || value.isBlank()) return Optional.empty();
    try {
      PromotionRequest r = JSON.readValue(value, PromotionRequest.class);
      return r.at() == null ? Optional.empty() : Optional.of(r);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
