package dev.keelson.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Argo CD's AppProject: what the Applications naming it may deploy (sources, destinations, kinds),
 * when (sync windows) and as whom (destination ServiceAccounts). It has no status: it is read, never
 * reconciled.
 */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("AppProject")
@ShortNames({"kappproj"})
public class AppProject extends CustomResource<AppProjectSpec, Void> implements Namespaced {
  public static final String CRD_NAME = "appprojects.keelson.dev";
  /** The project of an Application that names none; allows everything unless one by that name exists. */
  public static final String DEFAULT = "default";

  @Override
  protected AppProjectSpec initSpec() {
    return new AppProjectSpec();
  }
}
