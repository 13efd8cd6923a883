package dev.keelson.auth.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One named object, kept current by an informer, so that a change to a Secret or ConfigMap
 * applies without a restart. {@code onChange} sees the object (or its absence) after each event;
 * it runs on the informer's thread, once before {@link #start} returns if the object exists.
 */
public final class WatchedObject<T extends HasMetadata> implements AutoCloseable {
  private final AtomicReference<Optional<T>> current = new AtomicReference<>(Optional.empty());
  private SharedIndexInformer<T> informer;

  private WatchedObject() {}

  public static <T extends HasMetadata> WatchedObject<T> start(Resource<T> resource, Consumer<Optional<T>> onChange) {
    WatchedObject<T> w = new WatchedObject<>();
    w.informer = resource.inform(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        w.set(Optional.of(obj), onChange);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        w.set(Optional.of(newObj), onChange);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        w.set(Optional.empty(), onChange);
      }
    });
    return w;
  }

  public Optional<T> current() {
    return current.get();
  }

  /** A write of this process, taken at once rather than when its event comes back. */
  void wrote(T obj) {
    current.set(Optional.of(obj));
  }

  private void set(Optional<T> obj, Consumer<Optional<T>> onChange) {
    current.set(obj);
    onChange.accept(obj);
  }

  @Override
  public void close() {
    if (informer != null) informer.close();
  }
}
