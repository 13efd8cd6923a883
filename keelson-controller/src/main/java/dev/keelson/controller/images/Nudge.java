package dev.keelson.controller.images;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Reconciles an object now because something it depends on changed (a scan found new tags, a
 * policy chose another image), instead of waiting for its next interval.
 */
final class Nudge<P extends HasMetadata> extends AbstractEventSource<Object, P> {
  Nudge(String name) {
    super(Object.class, name);
  }

  void trigger(String namespace, String name) {
    if (isRunning() && getEventHandler() != null) {
      getEventHandler().handleEvent(new Event(new ResourceID(name, namespace)));
    }
  }

  @Override
  public Set<Object> getSecondaryResources(P primary) {
    return Set.of();
  }
}
