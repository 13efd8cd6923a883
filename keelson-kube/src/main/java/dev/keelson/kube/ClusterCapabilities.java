package dev.keelson.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a cluster can do, as Helm's {@code .Capabilities} describes it: the server's version and
 * the API versions it serves ({@code group/version} and {@code group/version/Kind}), so that a
 * chart that branches on them renders for the cluster it goes to. Read once and kept for a
 * while: CRDs installed since show up at the next look.
 */
public final class ClusterCapabilities {
  /** How long a look is trusted; a chart whose CRDs just arrived waits at most this long. */
  static final Duration KEEP = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final Clock clock;
  private volatile Snapshot snapshot;

  /** @param kubeVersion e.g. {@code v1.20.2} */
  public record Snapshot(String kubeVersion, List<String> apiVersions, Instant at) {
    public Snapshot {
      apiVersions = List.copyOf(apiVersions);
    }
  }

  public ClusterCapabilities(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public Snapshot get() throws KubeException {
    Snapshot s = snapshot;
    if (s != null && s.at().plus(KEEP).isAfter(clock.instant())) return s;
    synchronized (this) {
      s = snapshot;
      if (s != null && s.at().plus(KEEP).isAfter(clock.instant())) return s;
      snapshot = s = look();
      return s;
    }
  }

  private Snapshot look() throws KubeException {
    try {
      String version = client.getKubernetesVersion().getGitVersion();
      List<String> groupVersions = new ArrayList<>(List.of("v1"));
      for (APIGroup g : client.getApiGroups().getGroups()) {
        for (GroupVersionForDiscovery v : g.getVersions()) groupVersions.add(v.getGroupVersion());
      }
      TreeSet<String> all = new TreeSet<>(groupVersions);
      for (String gv : groupVersions) {
        APIResourceList resources = client.getApiResources(gv);
        if (resources == null || resources.getResources() == null) continue;
        for (APIResource r : resources.getResources()) {
          if (!r.getName().contains("/")) all.add(gv + "/" + r.getKind());
        }
      }
      return new Snapshot(version, new ArrayList<>(all), clock.instant());
    } catch (KubernetesClientException e) {
      throw KubeException.from("discovering the cluster's capabilities", e);
    }
  }
}
