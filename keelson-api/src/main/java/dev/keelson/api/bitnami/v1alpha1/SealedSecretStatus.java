package dev.keelson.api.bitnami.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** Written by the controller only: whether the Secret could be produced, for which generation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSecretStatus {
  public List<SealedSecretCondition> conditions = new ArrayList<>();
  public Long observedGeneration;
}
