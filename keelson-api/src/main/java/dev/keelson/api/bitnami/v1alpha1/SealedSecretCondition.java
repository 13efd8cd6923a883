package dev.keelson.api.bitnami.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * Upstream's condition shape (it has lastUpdateTime, which the core Condition type lacks). The
 * only type is {@link #SYNCED}: True when the Secret is in place, False with the reason otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSecretCondition {
  public static final String SYNCED = "Synced";

  @Required
  public String type;
  /** True, False or Unknown. */
  @Required
  public String status;
  public String reason;
  public String message;
  public String lastUpdateTime;
  public String lastTransitionTime;
}
