package dev.keelson.api.images.v1alpha1;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Flux's ImagePolicy: which of an ImageRepository's tags is the one to run. */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("ImagePolicy")
@Plural("imagepolicies")
@AdditionalPrinterColumn(name = "Latest", jsonPath = ".status.latestImage", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class ImagePolicy extends CustomResource<ImagePolicySpec, ImagePolicyStatus> implements Namespaced {
  public static final String CRD_NAME = "imagepolicies.keelson.dev";

  @Override
  protected ImagePolicySpec initSpec() {
    return new ImagePolicySpec();
  }
}
