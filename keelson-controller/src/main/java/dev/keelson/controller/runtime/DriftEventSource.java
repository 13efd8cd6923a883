package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns every change of a managed object (seen by the live cache's watches) into a reconcile of
 * the app named by its tracking mark: drift is noticed when it happens, not on the next interval.
 */
public final class DriftEventSource extends AbstractEventSource<Map, Application>
    implements Consumer<Map<String, Object>> {

  public DriftEventSource() {
    super(Map.class, "managed-objects");
  }

  @Override
  public void accept(Map<String, Object> object) {
    if (!isRunning() || getEventHandler() == null) return;
    TrackingMark.trackingIdOf(object)
        .flatMap(TrackingMark::appOf)
        .ifPresent(this::trigger);
  }

  public void trigger(AppRef app) {
    if (getEventHandler() != null) {
      getEventHandler().handleEvent(new Event(new ResourceID(app.name(), app.namespace())));
    }
  }

  @Override
  public Set<Map> getSecondaryResources(Application primary) {
    return Set.of();
  }
}
