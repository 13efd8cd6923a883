package dev.keelson.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.UnaryOperator;

/**
 * A read-modify-write of one object, as client-go's RetryOnConflict does it. fabric8's edit sends
 * the resourceVersion it read, and the controllers write status all the time, each write moving
 * that version: a 409 means "read again and reapply the change", not failure. The change must be
 * a function of the object it is given, since it may run more than once.
 */
public final class RetryOnConflict {
  /** Enough for a controller writing status every reconcile; a sixth conflict is reported. */
  public static final int ATTEMPTS = 5;

  private RetryOnConflict() {}

  public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return resource.edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == ATTEMPTS) throw e;
      }
    }
  }
}
