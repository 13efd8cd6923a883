package dev.keelson.server.index;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.server.view.AppChange;
import dev.keelson.server.view.ApplicationList;
import dev.keelson.server.view.ApplicationSummary;
import dev.keelson.server.view.Counts;
import dev.keelson.server.view.SyncState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every Application, kept by an informer: the full objects in the informer's store (for one
 * app's endpoints) and a summary per app in a map sorted by namespace/name (for lists). The
 * summary is made once per change of the app, so a list request only walks the sorted map:
 * filters and the authoriser are applied before anything is serialised, and nothing is sorted
 * or converted per request. Changes are also handed to listeners (the stream).
 */
public final class ApplicationIndex implements AutoCloseable {
  private final ConcurrentSkipListMap<AppKey, ApplicationSummary> summaries = new ConcurrentSkipListMap<>();
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
        ApplicationSummary gone = summaries.remove(key);
        if (gone != null) publish(new AppChange(AppChange.Type.delete, gone));
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
    ApplicationSummary before = summaries.put(keyOf(app), summary);
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
    return Optional.ofNullable(summaries.get(new AppKey(namespace, name)));
  }

  public int size() {
    return summaries.size();
  }

  /**
   * One page of the apps {@code visible} lets through that match {@code query}, after {@code
   * after}; with the total and the counts over all pages. One walk of the sorted map: the
   * cheap filters first, the authoriser only for apps that pass them.
   */
  public ApplicationList list(AppQuery query, Predicate<ApplicationSummary> visible, Optional<AppKey> after, int limit) {
    Map<SyncState, Integer> sync = new EnumMap<>(SyncState.class);
    for (SyncState s : SyncState.values()) sync.put(s, 0);
    Map<HealthStatus, Integer> health = new EnumMap<>(HealthStatus.class);
    for (HealthStatus h : HealthStatus.values()) health.put(h, 0);
    List<ApplicationSummary> page = new ArrayList<>(Math.min(limit, 1024));
    int total = 0;
    boolean more = false;
    for (Map.Entry<AppKey, ApplicationSummary> e : summaries.entrySet()) {
      ApplicationSummary a = e.getValue();
      if (!query.matchesBase(a)) continue;
      boolean syncOk = query.matchesSync(a);
      boolean healthOk = query.matchesHealth(a);
      if (!syncOk && !healthOk) continue;
      if (!visible.test(a)) continue;
      if (healthOk) sync.merge(a.sync(), 1, Integer::sum);
      if (syncOk) health.merge(a.health(), 1, Integer::sum);
      if (!(syncOk && healthOk)) continue;
      total++;
      if (after.isPresent() && e.getKey().compareTo(after.get()) <= 0) continue;
      if (page.size() < limit) page.add(a);
      else more = true;
    }
    String next = more ? ContinueToken.of(new AppKey(page.get(page.size() - 1).namespace(),
        page.get(page.size() - 1).name())) : null;
    return new ApplicationList(page, next, total, new Counts(sync, health));
  }

  @Override
  public void close() {
    informer.close();
  }
}
