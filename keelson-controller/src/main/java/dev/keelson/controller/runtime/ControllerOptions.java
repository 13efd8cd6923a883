package dev.keelson.controller.runtime;

import dev.keelson.controller.images.ImageAutomationOptions;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import dev.keelson.controller.shard.ShardOptions;
import dev.keelson.rollouts.runtime.RolloutOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * How to run the controller.
 *
 * @param namespaces namespaces to watch; empty means all
 * @param metricsPort port of /healthz, /readyz and /metrics; 0 picks a free one
 * @param cacheDir where Git clones are kept
 * @param leaseNamespace namespace of the leader-election Lease; null disables leader election
 * @param exitOnLostLeadership exit the process when the Lease is lost (the `keelson controller`
 *     process); otherwise just stop the controller (embedded use, tests)
 * @param controllerNamespace the controller's own namespace: cluster Secrets are read there
 * @param sealedSecrets whether and how SealedSecrets are served
 * @param webhookPort port of the Receivers' /hook/ paths; 0 picks a free one (the default for an
 *     embedded controller; `keelson controller` serves {@link #DEFAULT_WEBHOOK_PORT}), negative serves none
 * @param rollouts whether and how Rollouts are served
 * @param images whether and how image update automation runs
 * @param shards whether and how Applications are shared between replicas
 */
public record ControllerOptions(
    Set<String> namespaces, int metricsPort, Path cacheDir, String leaseNamespace, boolean exitOnLostLeadership,
    String controllerNamespace, SealedSecretsOptions sealedSecrets, int webhookPort, RolloutOptions rollouts,
    ImageAutomationOptions images, ShardOptions shards) {
  public static final String LEASE_NAME = "keelson-controller-leader";
  public static final String DEFAULT_LEASE_NAMESPACE = "keelson-system";
  public static final String DEFAULT_NAMESPACE = "keelson-system";
  /** Flux's notification-controller serves its receivers on 9292. */
  public static final int DEFAULT_WEBHOOK_PORT = 9292;

  public ControllerOptions {
    Objects.requireNonNull(controllerNamespace, "controllerNamespace");
    Objects.requireNonNull(sealedSecrets, "sealedSecrets");
    Objects.requireNonNull(rollouts, "rollouts");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(shards, "shards");
  }

  public static ControllerOptions defaults(Path cacheDir) {
    return new ControllerOptions(Set.of(), 9090, cacheDir, DEFAULT_LEASE_NAMESPACE, false, DEFAULT_NAMESPACE,
        SealedSecretsOptions.defaults(), 0, RolloutOptions.defaults(), ImageAutomationOptions.defaults(),
        ShardOptions.off());
  }

  public ControllerOptions withMetricsPort(int port) {
    return new ControllerOptions(namespaces, port, cacheDir, leaseNamespace, exitOnLostLeadership, controllerNamespace,
        sealedSecrets, webhookPort, rollouts, images, shards);
  }

  public ControllerOptions withNamespaces(Set<String> ns) {
    return new ControllerOptions(ns, metricsPort, cacheDir, leaseNamespace, exitOnLostLeadership, controllerNamespace,
        sealedSecrets, webhookPort, rollouts, images, shards);
  }

  public ControllerOptions withLeaseNamespace(String ns) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, ns, exitOnLostLeadership, controllerNamespace,
        sealedSecrets, webhookPort, rollouts, images, shards);
  }

  public ControllerOptions withExitOnLostLeadership(boolean exit) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, leaseNamespace, exit, controllerNamespace,
        sealedSecrets, webhookPort, rollouts, images, shards);
  }

  public ControllerOptions withControllerNamespace(String ns) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, leaseNamespace, exitOnLostLeadership, ns,
        sealedSecrets, webhookPort, rollouts, images, shards);
  }

  public ControllerOptions withSealedSecrets(SealedSecretsOptions options) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, leaseNamespace, exitOnLostLeadership,
        controllerNamespace, options, webhookPort, rollouts, images, shards);
  }

  public ControllerOptions withWebhookPort(int port) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, leaseNamespace, exitOnLostLeadership,
        controllerNamespace, sealedSecrets, port, rollouts, images, shards);
  }

  public ControllerOptions withRollouts(RolloutOptions options) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, leaseNamespace, exitOnLostLeadership,
        controllerNamespace, sealedSecrets, webhookPort, options, images, shards);
  }

  public ControllerOptions withImages(ImageAutomationOptions options) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, leaseNamespace, exitOnLostLeadership,
        controllerNamespace, sealedSecrets, webhookPort, rollouts, options, shards);
  }

  public ControllerOptions withShards(ShardOptions options) {
    return new ControllerOptions(namespaces, metricsPort, cacheDir, leaseNamespace, exitOnLostLeadership,
        controllerNamespace, sealedSecrets, webhookPort, rollouts, images, options);
  }
}
