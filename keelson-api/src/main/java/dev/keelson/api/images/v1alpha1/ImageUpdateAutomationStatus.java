package dev.keelson.api.images.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageUpdateAutomationStatus {
  public Long observedGeneration;

  public List<Condition> conditions = new ArrayList<>();

  /** When the files were last compared with the policies. */
  public String lastAutomationRunTime;

  /** The commit last pushed and when. */
  public String lastPushCommit;

  public String lastPushTime;

  /** The branch it was pushed to. */
  public String lastPushBranch;

  /** The policies' choices at the last run, namespace:name to image:tag. */
  public java.util.Map<String, String> observedPolicies;
}
