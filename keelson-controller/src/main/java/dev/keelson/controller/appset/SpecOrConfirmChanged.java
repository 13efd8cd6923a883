package dev.keelson.controller.appset;

import dev.keelson.api.v1alpha1.ApplicationSet;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/** A set is looked at again when its spec changed or a confirmation or promotion arrived, not for its own status writes. */
public final class SpecOrConfirmChanged implements OnUpdateFilter<ApplicationSet> {
  @Override
  public boolean accept(ApplicationSet updated, ApplicationSet old) {
    if (!Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())) return true;
    if (updated.isMarkedForDeletion()) return true;
    return !Objects.equals(annotation(updated, AppSetLabels.CONFIRM), annotation(old, AppSetLabels.CONFIRM))
        || !Objects.equals(annotation(updated, AppSetLabels.PROMOTE), annotation(old, AppSetLabels.PROMOTE));
  }

  private static String annotation(ApplicationSet s, String key) {
    var a = s.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }
}
