package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReceiverStatus {
  /** /hook/ followed by sha256(token + name + namespace) in hex, as Flux computes it. */
  public String webhookPath;

  public Long observedGeneration;

  public List<Condition> conditions = new ArrayList<>();

  /** When a request last triggered a reconcile. */
  public String lastHandledAt;
}
