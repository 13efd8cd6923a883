package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;

/** Argo CD's ApplicationSet strategy: AllAtOnce (default) or RollingSync steps over app labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppSetStrategy {
  @Pattern("^(AllAtOnce|RollingSync)$")
  public String type;

  public RollingSyncSpec rollingSync;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RollingSyncSpec {
    public List<RollingSyncStep> steps;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RollingSyncStep {
    @JsonPropertyDescription("In or NotIn over the generated Applications' labels; the first matching step takes an app.")
    public List<LabelSelectorRequirement> matchExpressions;

    @JsonPropertyDescription("Apps of the step on their way at once: a number or a percentage; 0 waits for"
        + " `keelson appset promote`. Default: all.")
    public IntOrString maxUpdate;
  }
}
