package dev.keelson.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Flux's Receiver: a webhook endpoint that a Git server calls on a push, so that the apps tracking
 * the pushed branch are fetched and reconciled at once instead of at their next interval.
 */
@Group(Application.GROUP)
@Version(Application.VERSION)
@Kind("Receiver")
public class Receiver extends CustomResource<ReceiverSpec, ReceiverStatus> implements Namespaced {
  public static final String CRD_NAME = "receivers.keelson.dev";

  @Override
  protected ReceiverSpec initSpec() {
    return new ReceiverSpec();
  }
}
