package dev.keelson.kube;

import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.TrackingMark;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of every managed object, kept by one informer per kind that watches only
 * objects carrying the {@link TrackingMark#LABEL} label. Reads never hit the API server, which is
 * what keeps the steady state free of per-object requests; every change is handed to a listener
 * so that drift is noticed at once, not on the next interval.
 */
public final class LiveCache implements LiveObjects, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCache.class);
  private static final long RESYNC_NONE = 0L;

  private final KubernetesClient client;
  private final ApiDiscovery discovery;
  private final Consumer<Map<String, Object>> onChange;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final Map<String, Converted> converted = new ConcurrentHashMap<>();

  /** Namespaces watched for namespaced kinds; empty: all (one cluster-wide watch per kind). */
  private final java.util.Set<String> namespaces;

  /** @param onChange called with the object (its last known state on deletion) on every event */
  public LiveCache(KubernetesClient client, ApiDiscovery discovery, Consumer<Map<String, Object>> onChange) {
    this(client, discovery, onChange, java.util.Set.of());
  }

  /**
   * @param namespaces watch namespaced kinds only there, one watch per kind and namespace (a
   *     controller whose rights are Roles in these namespaces cannot watch all); empty: all
   */
  public LiveCache(KubernetesClient client, ApiDiscovery discovery, Consumer<Map<String, Object>> onChange,
      java.util.Set<String> namespaces) {
    this.client = client;
    this.discovery = discovery;
    this.onChange = onChange;
    this.namespaces = java.util.Set.copyOf(namespaces);
  }

  /**
   * An object that exists without Keelson's label is not seen: it is unmanaged for all purposes
   * but adoption. The returned map is shared with other readers.
   */
  @Override
  public Map<String, Object> get(String apiVersion, ResourceKey key) throws KubeException {
    SharedIndexInformer<GenericKubernetesResource> informer = informerFor(apiVersion, key.kind(), key.namespace());
    String storeKey = key.namespace().isEmpty() ? key.name() : key.namespace() + "/" + key.name();
    GenericKubernetesResource obj = informer.getStore().getByKey(storeKey);
    String id = key.group() + "/" + key.kind() + "/" + storeKey;
    if (obj == null) {
      converted.remove(id);
      return null;
    }
    // Converting to the JSON model costs more than everything else a steady reconcile does:
    // convert each version of an object once.
    String version = obj.getMetadata().getResourceVersion();
    Converted c = converted.get(id);
    if (c == null || !c.resourceVersion().equals(version)) {
      c = new Converted(version, KubeObjects.toMap(obj));
      converted.put(id, c);
    }
    return c.object();
  }

  /** An object in the JSON model, shared between readers: never to be mutated. */
  private record Converted(String resourceVersion, Map<String, Object> object) {}

  /** Starts watching a kind if not already watched; returns once the first list has landed. */
  public SharedIndexInformer<GenericKubernetesResource> informerFor(String apiVersion, String kind)
      throws KubeException {
    return informerFor(apiVersion, kind, "");
  }

  /** The same for an object in {@code namespace} ("" for a cluster-scoped one). */
  public SharedIndexInformer<GenericKubernetesResource> informerFor(String apiVersion, String kind, String namespace)
      throws KubeException {
    ResourceType type = discovery.typeOf(apiVersion, kind);
    String watched = type.namespaced() && !namespaces.isEmpty() ? namespace : null;
    if (watched != null && !namespaces.contains(watched)) {
      throw new KubeException(kind + " in namespace '" + namespace + "': the controller manages only the namespaces "
          + namespaces.stream().sorted().toList(), false);
    }
    String id = ResourceKey.groupOf(apiVersion) + "/" + kind + (watched == null ? "" : "@" + watched);
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(id);
    if (informer == null) {
      synchronized (informers) {
        informer = informers.get(id);
        if (informer == null) {
          informer = start(type, watched);
          informers.put(id, informer);
        }
      }
    }
    return informer;
  }

  private SharedIndexInformer<GenericKubernetesResource> start(ResourceType type, String namespace)
      throws KubeException {
    var op = client.genericKubernetesResources(type.context());
    var selected = !type.namespaced() ? op.withLabel(TrackingMark.LABEL)
        : namespace == null ? op.inAnyNamespace().withLabel(TrackingMark.LABEL)
        : op.inNamespace(namespace).withLabel(TrackingMark.LABEL);
    SharedIndexInformer<GenericKubernetesResource> informer =
        selected.runnableInformer(RESYNC_NONE);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource obj) {
        publish(obj);
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
        if (!newObj.getMetadata().getResourceVersion().equals(oldObj.getMetadata().getResourceVersion())) {
          publish(newObj);
        }
      }

      @Override
      public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
        publish(obj);
      }
    });
    try {
      informer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      informer.close();
      throw new KubeException("watching " + type.kind() + " in " + type.apiVersion() + ": " + e.getMessage(), true, e);
    }
    LOG.debug("watching {} {}", type.apiVersion(), type.kind());
    return informer;
  }

  private void publish(GenericKubernetesResource obj) {
    try {
      onChange.accept(KubeObjects.toMap(obj));
    } catch (RuntimeException e) {
      LOG.warn("change listener failed for {}", obj.getMetadata().getName(), e);
    }
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
  }
}
