package dev.keelson.controller.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.controller.runtime.EventRecorder;
import dev.keelson.secrets.sealed.SealedSecretException;
import dev.keelson.secrets.sealed.Unsealer;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK entry point for SealedSecrets: opens the SealedSecret with every known key, puts the
 * Secret in place ({@link SecretWriter}), and reports Synced. A SealedSecret that cannot be opened
 * never creates or changes a Secret. Watches Secrets, so a deleted or edited Secret is restored
 * and an existing one annotated managed or patch is taken up at once.
 */
@ControllerConfiguration(
    name = "sealedsecret",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrScopeChanged.class))
public final class SealedSecretReconciler implements Reconciler<SealedSecret> {
  private static final Logger LOG = LoggerFactory.getLogger(SealedSecretReconciler.class);
  /** While no key exists yet (the first one is being generated), look again this soon. */
  private static final Duration NO_KEYS_RECHECK = Duration.ofSeconds(2);

  private final KeyRegistry keys;
  private final SecretWriter secrets;
  private final StatusWriter statuses;
  private final EventRecorder events;
  private final KeysChangedEventSource keysChanged = new KeysChangedEventSource();
  private final BooleanSupplier stopping;

  /** @param stopping true once the controller is being stopped: from then on nothing is recorded */
  public SealedSecretReconciler(KeyRegistry keys, SecretWriter secrets, StatusWriter statuses, EventRecorder events,
      BooleanSupplier stopping) {
    this.stopping = stopping;
    this.keys = keys;
    this.secrets = secrets;
    this.statuses = statuses;
    this.events = events;
    keys.onChange(keysChanged::keysChanged);
  }

  @Override
  public List<EventSource<?, SealedSecret>> prepareEventSources(EventSourceContext<SealedSecret> context) {
    var owned = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, SealedSecret.class)
        .withName("owned-secrets")
        // by name, not by ownerReference: a SealedSecret's Secret always has its name, and an
        // existing Secret that is not owned yet (annotated managed or patch later) must be seen too
        .withSecondaryToPrimaryMapper(s -> Set.of(ResourceID.fromResource(s)))
        .withNamespacesInheritedFromController()
        // not the bulk no SealedSecret produces (a token per service account, a Secret per Helm
        // release revision): less to list, cache and filter on every start
        .withFieldSelector(new FieldSelector(
            new FieldSelector.Field("type", "kubernetes.io/service-account-token", true),
            new FieldSelector.Field("type", "helm.sh/release.v1", true)))
        .build(), context);
    return List.of(owned, keysChanged);
  }

  @Override
  public UpdateControl<SealedSecret> reconcile(SealedSecret sealed, Context<SealedSecret> context) {
    ResourceID id = ResourceID.fromResource(sealed);
    if (sealed.isMarkedForDeletion()) {
      keysChanged.done(id);
      return UpdateControl.noUpdate();
    }
    if (keys.keys().isEmpty()) {
      keysChanged.waiting(id);
      LOG.debug("{}: waiting for the first sealing key", id);
      return UpdateControl.<SealedSecret>noUpdate().rescheduleAfter(NO_KEYS_RECHECK);
    }
    Optional<UnsealFailure> failure;
    try {
      Secret secret = new Unsealer(keys.privateKeys()).unseal(sealed);
      failure = secrets.write(sealed, secret);
    } catch (SealedSecretException e) {
      failure = Optional.of(UnsealFailure.unseal(e.getMessage()));
    }
    if (stopping.getAsBoolean()) {
      // a write cut short by the stop (JOSDK interrupts reconciles in flight) is no failure
      return UpdateControl.noUpdate();
    }
    if (failure.isPresent()) {
      // opened by a key that arrives later, or retried when its Secret changes
      keysChanged.waiting(id);
      if (changed(sealed, failure.get())) {
        String prefix = UnsealFailure.UNSEAL_FAILED.equals(failure.get().reason()) ? "Failed to unseal: " : "";
        events.warning(sealed, failure.get().reason(), prefix + failure.get().message());
        LOG.warn("SealedSecret {}/{}: {}", id.getNamespace().orElse(""), id.getName(), failure.get().message());
      }
    } else {
      keysChanged.done(id);
      if (!isSynced(sealed)) events.normal(sealed, "Unsealed", "SealedSecret unsealed successfully");
    }
    statuses.write(sealed, failure);
    return UpdateControl.noUpdate();
  }

  /** Whether this failure is news: no event storm for a SealedSecret that keeps failing the same way. */
  private static boolean changed(SealedSecret sealed, UnsealFailure failure) {
    var st = sealed.getStatus();
    if (st == null || st.conditions == null) return true;
    return st.conditions.stream().noneMatch(c -> "Synced".equals(c.type) && "False".equals(c.status)
        && failure.message().equals(c.message)
        && java.util.Objects.equals(st.observedGeneration, sealed.getMetadata().getGeneration()));
  }

  private static boolean isSynced(SealedSecret sealed) {
    var st = sealed.getStatus();
    return st != null && st.conditions != null && st.conditions.stream().anyMatch(c -> "Synced".equals(c.type) && "True".equals(c.status))
        && java.util.Objects.equals(st.observedGeneration, sealed.getMetadata().getGeneration());
  }
}
