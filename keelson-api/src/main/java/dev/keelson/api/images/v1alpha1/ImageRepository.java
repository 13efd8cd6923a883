package dev.keelson.api.images.v1alpha1;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Flux's ImageRepository: an image repository whose tags are listed every interval. */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("ImageRepository")
@Plural("imagerepositories")
@AdditionalPrinterColumn(name = "Image", jsonPath = ".spec.image", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Tags", jsonPath = ".status.lastScanResult.tagCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class ImageRepository extends CustomResource<ImageRepositorySpec, ImageRepositoryStatus> implements Namespaced {
  public static final String CRD_NAME = "imagerepositories.keelson.dev";

  @Override
  protected ImageRepositorySpec initSpec() {
    return new ImageRepositorySpec();
  }
}
