package dev.keelson.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

/** Flux's Alert: which events (by source, severity and message) are sent to which Provider. */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("Alert")
public class Alert extends CustomResource<AlertSpec, NotificationStatus> implements Namespaced {
  public static final String CRD_NAME = "alerts.keelson.dev";

  @Override
  protected AlertSpec initSpec() {
    return new AlertSpec();
  }
}
