package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The status of a Provider or an Alert: whether it is usable (`Ready`) and if not, why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationStatus {
  public Long observedGeneration;

  public List<Condition> conditions = new ArrayList<>();
}
