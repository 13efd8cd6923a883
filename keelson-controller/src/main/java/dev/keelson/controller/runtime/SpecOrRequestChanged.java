package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.Annotations;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Reconcile on a spec change, an operator request (annotation) or deletion, but not on the controller's own status
 * writes (which would otherwise trigger a reconcile each).
 */
public final class SpecOrRequestChanged implements OnUpdateFilter<Application> {
  @Override
  public boolean accept(Application updated, Application old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || Annotations.REQUESTS.stream().anyMatch(k -> !Objects.equals(annotation(updated, k), annotation(old, k)))
        || updated.getMetadata().getDeletionTimestamp() != null;
  }

  private static String annotation(Application app, String key) {
    var a = app.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }
}
