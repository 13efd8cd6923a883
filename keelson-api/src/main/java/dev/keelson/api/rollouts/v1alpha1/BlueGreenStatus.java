package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Argo Rollouts' status.blueGreen: where the Services point, and whether promotion was granted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlueGreenStatus {
  /** Pod template hash the active Service selects. */
  public String activeSelector;
  /** Pod template hash the preview Service selects. */
  public String previewSelector;
  /** Promotion granted: the preview is scaled to full, then becomes active. */
  public Boolean scaleUpPreviewCheckPoint;
}
