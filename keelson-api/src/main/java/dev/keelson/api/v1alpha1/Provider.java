package dev.keelson.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Flux's notification Provider: where notifications go and how they are encoded (a webhook, a chat
 * service, or a Git server's commit statuses). Alerts name it.
 */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("Provider")
public class Provider extends CustomResource<ProviderSpec, NotificationStatus> implements Namespaced {
  public static final String CRD_NAME = "providers.keelson.dev";

  @Override
  protected ProviderSpec initSpec() {
    return new ProviderSpec();
  }
}
