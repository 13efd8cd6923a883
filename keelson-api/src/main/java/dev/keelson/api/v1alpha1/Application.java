package dev.keelson.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A set of manifests in Git kept converged with a cluster. */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("Application")
@ShortNames({"kapp"})
public class Application extends CustomResource<ApplicationSpec, ApplicationStatus>
    implements Namespaced {
  public static final String GROUP = "keelson.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CRD_NAME = "applications.keelson.dev";

  @Override
  protected ApplicationSpec initSpec() {
    return new ApplicationSpec();
  }
}
