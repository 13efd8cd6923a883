package dev.keelson.api.images.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePolicyStatus {
  public Long observedGeneration;

  public List<Condition> conditions = new ArrayList<>();

  /** The chosen image as image:tag (Flux's v1beta2 field, which its tooling still reads). */
  public String latestImage;

  /** The chosen image, tag and (when the registry gave it) digest (Flux v1). */
  public ImageRef latestRef;

  /** The previous choice, once the choice changed. */
  public ImageRef observedPreviousRef;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ImageRef {
    public String name;
    public String tag;
    public String digest;
  }
}
