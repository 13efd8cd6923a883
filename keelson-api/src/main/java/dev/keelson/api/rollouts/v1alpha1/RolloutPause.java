package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.IntOrString;

/** {@code pause: {}} waits for a promote; {@code duration} is seconds or a string like {@code 30s}, {@code 5m}, {@code 1h}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutPause {
  public IntOrString duration;
}
