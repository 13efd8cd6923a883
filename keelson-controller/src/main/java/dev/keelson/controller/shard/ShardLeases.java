package dev.keelson.controller.shard;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas alive, from their Leases: each replica renews {@code keelson-shard-<id>} and reads
 * the others'. The Kubernetes API is the only thing they share.
 *
 * <p>A peer counts as alive while its Lease keeps changing: it is judged by when this replica
 * last saw its record change, on this replica's own clock (as client-go's leader election does),
 * so clocks that disagree between nodes do not make a live peer look dead or a dead one alive.
 * A replica that cannot renew its own Lease for a lease duration stops counting itself: it may
 * already look dead to the others, who then take its apps.
 */
final class ShardLeases {
  private static final Logger LOG = LoggerFactory.getLogger(ShardLeases.class);
  static final String LABEL = "keelson.dev/shard";

  private final KubernetesClient client;
  private final String namespace;
  private final ShardOptions options;
  private final Clock clock;
  /** Lease name -> the record last seen and when it was first seen so. */
  private final Map<String, Seen> seen = new HashMap<>();
  private Instant lastRenewed;

  private record Seen(String holder, String resourceVersion, Instant since) {}

  ShardLeases(KubernetesClient client, String namespace, ShardOptions options, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.options = options;
    this.clock = clock;
  }

  /** Renews this replica's Lease, then reads everyone's; returns the ids alive now. */
  synchronized Set<String> tick() {
    renew();
    Set<String> alive = new TreeSet<>();
    Instant now = clock.instant();
    if (holding(now)) alive.add(options.id());
    else return alive;
    try {
      Map<String, Seen> current = new HashMap<>();
      for (Lease l : client.resources(Lease.class).inNamespace(namespace).withLabel(LABEL, "true").list().getItems()) {
        String name = l.getMetadata().getName();
        String holder = l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
        if (holder == null || !name.equals(ShardOptions.LEASE_PREFIX + holder)) continue;
        Seen before = seen.get(name);
        String rv = l.getMetadata().getResourceVersion();
        current.put(name, before != null && before.resourceVersion().equals(rv) ? before : new Seen(holder, rv, now));
      }
      seen.clear();
      seen.putAll(current);
      Duration duration = options.leaseDuration();
      for (Seen s : current.values()) {
        if (Duration.between(s.since(), now).compareTo(duration) < 0) alive.add(s.holder());
      }
    } catch (KubernetesClientException e) {
      LOG.warn("shard leases could not be read: {}", e.getMessage());
      // the view stays as it was rather than shrink to this replica alone
      for (Seen s : seen.values()) {
        if (Duration.between(s.since(), now).compareTo(options.leaseDuration()) < 0) alive.add(s.holder());
      }
    }
    return alive;
  }

  /** Whether this replica's own Lease is current: only then may it act. */
  synchronized boolean holding(Instant now) {
    // renewed within the lease duration, with one renew period to spare for the others to read it
    return lastRenewed != null
        && Duration.between(lastRenewed, now).compareTo(options.leaseDuration().minus(options.renewPeriod())) < 0;
  }

  private void renew() {
    Instant now = clock.instant();
    try {
      var leases = client.resources(Lease.class).inNamespace(namespace);
      Lease lease = leases.withName(options.leaseName()).get();
      if (lease == null) {
        leases.resource(new LeaseBuilder()
            .withNewMetadata().withName(options.leaseName()).withNamespace(namespace).addToLabels(LABEL, "true").endMetadata()
            .withNewSpec().withHolderIdentity(options.id())
            .withLeaseDurationSeconds((int) options.leaseDuration().toSeconds())
            .withAcquireTime(now.atZone(ZoneOffset.UTC)).withRenewTime(now.atZone(ZoneOffset.UTC)).endSpec()
            .build()).create();
      } else {
        lease.getSpec().setHolderIdentity(options.id());
        lease.getSpec().setLeaseDurationSeconds((int) options.leaseDuration().toSeconds());
        lease.getSpec().setRenewTime(now.atZone(ZoneOffset.UTC));
        leases.resource(lease).update();
      }
      lastRenewed = now;
    } catch (KubernetesClientException e) {
      LOG.warn("shard lease {} not renewed: {}", options.leaseName(), e.getMessage());
    }
  }

  /** Leaving on purpose: the others take this replica's apps at their next read, not a lease duration later. */
  void release() {
    try {
      client.resources(Lease.class).inNamespace(namespace).withName(options.leaseName()).delete();
    } catch (KubernetesClientException e) {
      LOG.warn("shard lease {} not deleted: {}", options.leaseName(), e.getMessage());
    }
  }
}
