package dev.keelson.server.index;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.server.view.AppChange;
import dev.keelson.server.view.ApplicationList;
import dev.keelson.server.view.ApplicationSummary;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every Application, kept by an informer: the full objects in the informer's store (for one
 * app's endpoints) and a summary per app in a {@link SummaryIndex} (for lists), made once per
 * change of the app rather than once per request. Changes are also handed to listeners (the
 * stream).
 */
public final class ApplicationIndex implements AutoCloseable {
  private final SummaryIndex summaries = new SummaryIndex();
  private final List<Consumer<AppChange>> listeners = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<Application> informer;

  private ApplicationIndex(KubernetesClient client) {
    this.informer = client.resources(Application.class).inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Application app) {
        upsert(app);
      }

      @Override
      public void onUpdate(Application old, Application app) {
        upsert(app);
      }

      @Override
      public void onDelete(Application app, boolean finalStateUnknown) {
        AppKey key = keyOf(app);
        summaries.remove(key).ifPresent(gone -> publish(new AppChange(AppChange.Type.delete, gone)));
      }
    });
  }

  /** Starts the informer and returns once its first list is in. */
  public static ApplicationIndex start(KubernetesClient client) {
    ApplicationIndex index = new ApplicationIndex(client);
    index.informer.start().toCompletableFuture().join();
    return index;
  }

  private void upsert(Application app) {
    ApplicationSummary summary = ApplicationSummary.of(app);
    ApplicationSummary before = summaries.put(summary).orElse(null);
    // status writes that change nothing a summary shows (a history entry's time) still reach
    // the detail views through the store; the stream only says what a list would show differently
    if (!Objects.equals(before, summary)) publish(new AppChange(AppChange.Type.upsert, summary));
  }

  private void publish(AppChange change) {
    for (Consumer<AppChange> l : listeners) l.accept(change);
  }

  private static AppKey keyOf(Application app) {
    return new AppKey(app.getMetadata().getNamespace(), app.getMetadata().getName());
  }

  /** Registers a listener called on the informer's thread; it must not block. */
  public AutoCloseable subscribe(Consumer<AppChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public Optional<Application> get(String namespace, String name) {
    return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  public Optional<ApplicationSummary> summary(String namespace, String name) {
    return summaries.get(new AppKey(namespace, name));
  }

  public int size() {
    return summaries.size();
  }

  /** One page of the list; see {@link SummaryIndex#list}. */
  public ApplicationList list(AppQuery query, Predicate<ApplicationSummary> visible, Optional<AppKey> after, int limit) {
    return summaries.list(query, visible, after, limit);
  }

  @Override
  public void close() {
    informer.close();
  }
}
