package dev.keelson.controller.receiver;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ReceiverSpec;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.source.GitSourceCache;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.shard.AppPlacement;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a verified push does: the repositories of the apps it concerns are marked changed (each is
 * fetched once, by the first of its apps to reconcile), and those apps are reconciled now. An app
 * another replica holds (sharded controllers) is asked for a refresh through its
 * {@code keelson.dev/refresh-requested-at} annotation, which makes its holder fetch and reconcile it.
 */
public final class PushTrigger {
  private static final Logger LOG = LoggerFactory.getLogger(PushTrigger.class);
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final KubernetesClient client;
  private final GitSourceCache git;
  private final Consumer<AppRef> reconcile;
  private final AppPlacement placement;

  public PushTrigger(KubernetesClient client, GitSourceCache git, Consumer<AppRef> reconcile, AppPlacement placement) {
    this.client = client;
    this.git = git;
    this.reconcile = reconcile;
    this.placement = placement;
  }

  /** @return the apps reconciled */
  List<AppRef> fire(Receivers.Entry receiver, PushEvent push) {
    List<AppRef> out = new ArrayList<>();
    Set<String> repositories = new LinkedHashSet<>();
    for (Application app : named(receiver)) {
      var source = app.getSpec() == null ? null : app.getSpec().source;
      if (source == null || source.repoURL == null || !push.concerns(source.repoURL, source.revision)) continue;
      repositories.add(source.repoURL);
      out.add(new AppRef(app.getMetadata().getNamespace(), app.getMetadata().getName()));
    }
    repositories.forEach(git::invalidate);
    out.forEach(this::reconcileOrHandOn);
    return out;
  }

  /**
   * A commit Keelson pushed itself (image automation): what a verified push of that branch does,
   * for the apps of {@code namespace} that read the repository.
   *
   * @return the apps reconciled
   */
  public List<AppRef> pushed(String namespace, String repoUrl, String branch) {
    PushEvent push = new PushEvent(java.util.Set.of(dev.keelson.controller.repos.RepositorySecret.normalise(repoUrl)),
        java.util.Optional.of(branch));
    List<AppRef> out = new ArrayList<>();
    git.invalidate(repoUrl);
    for (Application app : client.resources(Application.class).inNamespace(namespace).list().getItems()) {
      var source = app.getSpec() == null ? null : app.getSpec().source;
      if (source == null || source.repoURL == null || !push.concerns(source.repoURL, source.revision)) continue;
      git.invalidate(source.repoURL);
      out.add(new AppRef(app.getMetadata().getNamespace(), app.getMetadata().getName()));
    }
    out.forEach(this::reconcileOrHandOn);
    return out;
  }

  private void reconcileOrHandOn(AppRef app) {
    if (placement.here(app)) {
      reconcile.accept(app);
      return;
    }
    // a merge patch of one annotation: no resourceVersion, so no conflict with the holder's writes
    String patch = "{\"metadata\":{\"annotations\":{\"" + Annotations.REFRESH_REQUESTED_AT + "\":\"push "
        + Instant.now() + "\"}}}";
    try {
      client.resources(Application.class).inNamespace(app.namespace()).withName(app.name()).patch(MERGE, patch);
    } catch (KubernetesClientException e) {
      LOG.warn("could not ask for a refresh of {} (it waits for its interval): {}", app, e.getMessage());
    }
  }

  private List<Application> named(Receivers.Entry receiver) {
    List<Application> out = new ArrayList<>();
    for (ReceiverSpec.ResourceRef r : receiver.resources()) {
      if (r.kind != null && !r.kind.equals("Application")) continue;
      String ns = r.namespace == null || r.namespace.isBlank() ? receiver.namespace() : r.namespace;
      var apps = client.resources(Application.class).inNamespace(ns);
      if ("*".equals(r.name)) {
        Map<String, String> labels = r.matchLabels == null ? Map.of() : r.matchLabels;
        out.addAll(labels.isEmpty() ? apps.list().getItems() : apps.withLabels(labels).list().getItems());
      } else {
        Application a = apps.withName(r.name).get();
        if (a != null) out.add(a);
      }
    }
    return out;
  }
}
