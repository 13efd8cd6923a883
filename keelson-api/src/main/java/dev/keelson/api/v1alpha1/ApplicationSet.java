package dev.keelson.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Argo CD's ApplicationSet: generators produce parameter sets, each rendered into an Application. */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("ApplicationSet")
@ShortNames({"kappset"})
public class ApplicationSet extends CustomResource<ApplicationSetSpec, ApplicationSetStatus>
    implements Namespaced {
  public static final String CRD_NAME = "applicationsets.keelson.dev";

  @Override
  protected ApplicationSetSpec initSpec() {
    return new ApplicationSetSpec();
  }
}
