package dev.keelson.api.images.v1alpha1;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Flux's ImageUpdateAutomation: writes the images its namespace's ImagePolicies chose into the
 * files of a Git repository (setter markers, Kustomize {@code images:}), commits and pushes.
 */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("ImageUpdateAutomation")
@Plural("imageupdateautomations")
@AdditionalPrinterColumn(name = "Last push", jsonPath = ".status.lastPushCommit", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class ImageUpdateAutomation extends CustomResource<ImageUpdateAutomationSpec, ImageUpdateAutomationStatus>
    implements Namespaced {
  public static final String CRD_NAME = "imageupdateautomations.keelson.dev";

  @Override
  protected ImageUpdateAutomationSpec initSpec() {
    return new ImageUpdateAutomationSpec();
  }
}
