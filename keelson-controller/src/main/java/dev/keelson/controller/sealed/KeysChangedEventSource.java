package dev.keelson.controller.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SealedSecrets that could not be opened are looked at again when the keys change: a key imported
 * after them (or the first key, generated after they were created) may open them.
 */
final class KeysChangedEventSource extends AbstractEventSource<Void, SealedSecret> {
  private final Set<ResourceID> waiting = ConcurrentHashMap.newKeySet();

  KeysChangedEventSource() {
    super(Void.class, "sealing-keys");
  }

  void waiting(ResourceID id) {
    waiting.add(id);
  }

  void done(ResourceID id) {
    waiting.remove(id);
  }

  /** Reconciles every SealedSecret waiting for a key. */
  void keysChanged() {
    if (!isRunning() || getEventHandler() == null) return;
    for (ResourceID id : Set.copyOf(waiting)) getEventHandler().handleEvent(new Event(id));
  }

  @Override
  public Set<Void> getSecondaryResources(SealedSecret primary) {
    return Set.of();
  }
}
