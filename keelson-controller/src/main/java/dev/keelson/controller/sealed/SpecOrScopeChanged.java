package dev.keelson.controller.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Reconcile on a spec change or an annotation change (the scope annotations live in metadata,
 * which does not bump the generation), not on the controller's own status writes.
 */
public final class SpecOrScopeChanged implements OnUpdateFilter<SealedSecret> {
  @Override
  public boolean accept(SealedSecret updated, SealedSecret old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(updated.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())
        || updated.getMetadata().getDeletionTimestamp() != null;
  }
}
