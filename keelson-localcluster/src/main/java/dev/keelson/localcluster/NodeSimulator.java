package dev.keelson.localcluster;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the scheduler and the kubelet of one node through the API: registers the node, keeps it
 * Ready, binds every unscheduled pod to it and reports the pods as running (or finished).
 *
 * <p>Behaviour per pod, driven by annotations:
 * <ul>
 *   <li>{@value #SIMULATE_READY}{@code : "false"} - the pod runs but never becomes Ready;</li>
 *   <li>pods owned by a Job (or carrying {@value #SIMULATE_EXIT_CODE}) run to completion:
 *       Succeeded, or Failed with the annotation's exit code when it is not 0.</li>
 *   <li>{@value #SIMULATE_HOLD}{@code : "true"} - such a pod keeps running (Ready) until the
 *       annotation is removed from the pod, then completes as above (a hook a test holds).</li>
 * </ul>
 * Pods being deleted are removed at once, as a kubelet does after stopping their containers.
 */
public final class NodeSimulator implements AutoCloseable {

  public static final String NODE_NAME = "keelson-node-0";
  public static final String SIMULATE_READY = "keelson.dev/simulate-ready";
  public static final String SIMULATE_EXIT_CODE = "keelson.dev/simulate-exit-code";
  public static final String SIMULATE_HOLD = "keelson.dev/simulate-hold";

  private static final Logger LOG = LoggerFactory.getLogger(NodeSimulator.class);
  private static final String HOST_IP = "127.0.0.1";
  private static final String LEASE_NAMESPACE = "kube-node-lease";
  // the kubelet's own defaults: status every 10s, lease valid for 40s
  private static final Duration HEARTBEAT = Duration.ofSeconds(10);
  private static final int LEASE_SECONDS = 40;
  private static final Duration RESYNC = Duration.ofMinutes(1);
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final KubernetesClient client;
  private final String nodeName;
  private final ScheduledExecutorService scheduler;
  private final WorkQueue queue;
  private final AtomicInteger nextPodIp = new AtomicInteger();
  private final Thread worker;
  private volatile SharedIndexInformer<Pod> informer;
  private volatile boolean closed;

  public NodeSimulator(KubernetesClient client) {
    this(client, NODE_NAME);
  }

  public NodeSimulator(KubernetesClient client, String nodeName) {
    this.client = client;
    this.nodeName = nodeName;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "node-simulator-timer"));
    this.queue = new WorkQueue(scheduler);
    this.worker = daemon(this::work, "node-simulator-worker");
  }

  /** Registers the node and starts serving pods; returns once the pod informer has synced. */
  public NodeSimulator start() {
    heartbeat();
    scheduler.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
        TimeUnit.MILLISECONDS);
    worker.start();
    // the field is set before events flow, so the worker always finds the informer's store
    SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace().runnableInformer(RESYNC.toMillis());
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        queue.add(key(pod));
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        queue.add(key(newPod));
      }

      @Override
      public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        queue.forget(key(pod));
      }
    });
    informer = pods;
    try {
      pods.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the pod informer", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      close();
      throw new IllegalStateException("pod informer did not start", e);
    }
    LOG.info("node {} registered; simulating pods", nodeName);
    return this;
  }

  public String nodeName() {
    return nodeName;
  }

  @Override
  public void close() {
    closed = true;
    if (informer != null) {
      informer.close();
    }
    scheduler.shutdownNow();
    worker.interrupt();
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- pods ----

  private void work() {
    while (!closed) {
      String key;
      try {
        key = queue.poll(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        continue;
      }
      try {
        reconcile(key);
        queue.succeeded(key);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          queue.forget(key); // the pod is gone; nothing left to do
        } else {
          // 409 conflicts, throttling and transient errors: try again from fresh state
          LOG.debug("pod {}: {} (will retry)", key, e.getMessage());
          queue.retryLater(key);
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn("pod {}: unexpected error (will retry)", key, e);
        queue.retryLater(key);
      }
    }
  }

  private void reconcile(String key) {
    Pod pod = informer.getStore().getByKey(key);
    if (pod == null) {
      return;
    }
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    String boundTo = pod.getSpec().getNodeName();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (nodeName.equals(boundTo)) {
        // a bound pod only disappears once "its kubelet" confirms the containers stopped
        client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
      }
      return;
    }
    if (boundTo == null || boundTo.isEmpty()) {
      bind(ns, name);
      return; // the informer reports the bound pod and brings it back here
    }
    if (!nodeName.equals(boundTo)) {
      return;
    }
    Optional<PodStatus> status = SimulatedPodStatus.update(pod, HOST_IP, this::allocatePodIp, Instant.now());
    if (status.isPresent()) {
      String patch = client.getKubernetesSerialization().asJson(Map.of("status", status.get()));
      client.pods().inNamespace(ns).withName(name).subresource("status").patch(MERGE, patch);
      LOG.debug("pod {} -> {}", key, status.get().getPhase());
    }
  }

  private void bind(String ns, String name) {
    Binding binding = new BindingBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewTarget().withApiVersion("v1").withKind("Node").withName(nodeName).endTarget()
        .build();
    try {
      client.bindings().inNamespace(ns).resource(binding).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // already bound (by an earlier attempt whose answer was lost): the watch shows it
    }
  }

  private String allocatePodIp() {
    int n = nextPodIp.getAndIncrement();
    return "10.244." + ((n / 254) % 256) + "." + (n % 254 + 1);
  }

  // ---- node ----

  private void heartbeat() {
    if (closed) {
      return;
    }
    try {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      if (client.nodes().withName(nodeName).get() == null) {
        createNode(now);
      }
      String patch = client.getKubernetesSerialization().asJson(Map.of("status", nodeStatus(now)));
      client.nodes().withName(nodeName).subresource("status").patch(MERGE, patch);
      renewLease(now);
    } catch (RuntimeException e) {
      // a missed beat is harmless; the next one comes in HEARTBEAT
      LOG.warn("node {} heartbeat failed: {}", nodeName, e.getMessage());
    }
  }

  private void createNode(Instant now) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", nodeName);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("keelson.dev/simulated", "true");
    Node node = new NodeBuilder()
        .withNewMetadata().withName(nodeName).withLabels(labels).endMetadata()
        .withNewSpec().endSpec()
        .withStatus(nodeStatus(now))
        .build();
    try {
      client.nodes().resource(node).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private NodeStatus nodeStatus(Instant now) {
    Map<String, Quantity> capacity = Map.of(
        "cpu", new Quantity("32"),
        "memory", new Quantity("64Gi"),
        "pods", new Quantity("500"),
        "ephemeral-storage", new Quantity("500Gi"));
    String time = now.toString();
    return new NodeStatusBuilder()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .withConditions(
            nodeCondition("Ready", "True", "KubeletReady", "kubelet is posting ready status", time),
            nodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory", "", time),
            nodeCondition("DiskPressure", "False", "KubeletHasNoDiskPressure", "", time),
            nodeCondition("PIDPressure", "False", "KubeletHasSufficientPID", "", time))
        .addNewAddress().withType("InternalIP").withAddress(HOST_IP).endAddress()
        .addNewAddress().withType("Hostname").withAddress(nodeName).endAddress()
        .withNewNodeInfo()
          .withArchitecture("amd64").withOperatingSystem("linux")
          .withKubeletVersion("v" + KubeBinaries.KUBE_VERSION)
          .withKubeProxyVersion("v" + KubeBinaries.KUBE_VERSION)
          .withContainerRuntimeVersion("simulated://1")
          .withOsImage("Keelson simulated node").withKernelVersion("")
          .withMachineID(nodeName).withSystemUUID(nodeName).withBootID(nodeName)
        .endNodeInfo()
        .build();
  }

  private static NodeCondition nodeCondition(String type, String status, String reason, String message, String time) {
    // the transition time simply follows the heartbeat: nothing in the control plane reads it
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withLastHeartbeatTime(time).withLastTransitionTime(time).build();
  }

  private void renewLease(Instant now) {
    String renew = MICRO_TIME.format(now);
    var lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(nodeName);
    if (lease.get() == null) {
      Map<String, Object> body = Map.of(
          "apiVersion", "coordination.k8s.io/v1", "kind", "Lease",
          "metadata", Map.of("name", nodeName, "namespace", LEASE_NAMESPACE),
          "spec", Map.of("holderIdentity", nodeName, "leaseDurationSeconds", LEASE_SECONDS, "renewTime", renew));
      try {
        client.resource(client.getKubernetesSerialization().asJson(body)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
      return;
    }
    lease.patch(MERGE, client.getKubernetesSerialization().asJson(
        Map.of("spec", Map.of("holderIdentity", nodeName, "renewTime", renew))));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
