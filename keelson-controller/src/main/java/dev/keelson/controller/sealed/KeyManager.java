package dev.keelson.controller.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.secrets.sealed.KeyGenerator;
import dev.keelson.secrets.sealed.KeySecrets;
import dev.keelson.secrets.sealed.Pem;
import dev.keelson.secrets.sealed.SealedSecretException;
import dev.keelson.secrets.sealed.SealingKey;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sealing keys: loads every key Secret of the key namespace (those it generated and
 * those a user put there, e.g. exported from an upstream controller, used as they are), generates
 * one when there is none and a new one each renew period, and publishes the newest key's
 * certificate. Every replica loads keys; only the one that leads generates and publishes, so
 * replicas do not each add a key per period.
 */
public final class KeyManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyManager.class);
  private static final Duration RETRY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final SealedSecretsOptions options;
  private final KeyRegistry registry;
  private final Clock clock;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "keelson-sealing-keys");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean leading;
  private volatile boolean closed;
  private volatile SharedIndexInformer<Secret> informer;
  private ScheduledFuture<?> nextCheck;
  private String publishedKey;

  public KeyManager(KubernetesClient client, SealedSecretsOptions options, KeyRegistry registry, Clock clock) {
    this.client = client;
    this.options = options;
    this.registry = registry;
    this.clock = clock;
  }

  /** Loads the keys and watches for new ones; returns once the first list is in. */
  public void start() {
    ensureNamespace();
    informer = client.secrets().inNamespace(options.keyNamespace())
        .withLabel(SealedSecret.KEY_LABEL, SealedSecret.KEY_ACTIVE)
        .inform(new ResourceEventHandler<>() {
          @Override public void onAdd(Secret s) { reload(); }
          @Override public void onUpdate(Secret a, Secret b) { reload(); }
          @Override public void onDelete(Secret s, boolean unknown) { reload(); }
        }, 0);
    reload();
  }

  /** Called when this replica starts or stops leading; leading starts the key schedule at once. */
  public synchronized void leading(boolean lead) {
    leading = lead;
    if (lead) schedule(Duration.ZERO);
    else if (nextCheck != null) nextCheck.cancel(false);
  }

  private void reload() {
    SharedIndexInformer<Secret> inf = informer;
    if (inf == null) return;
    registry.replace(parse(inf.getStore().list()));
    if (leading) registry.newest().ifPresent(this::publish);
  }

  private List<SealingKey> parse(Collection<Secret> secrets) {
    List<SealingKey> keys = new ArrayList<>();
    for (Secret s : secrets) {
      try {
        keys.add(KeySecrets.fromSecret(s));
      } catch (SealedSecretException | RuntimeException e) {
        // the message names the Secret and what is wrong, never its content
        LOG.warn("ignoring sealing key Secret {}/{}: {}", options.keyNamespace(), s.getMetadata().getName(),
            e instanceof SealedSecretException ? e.getMessage() : e.getClass().getSimpleName());
      }
    }
    return keys;
  }

  private synchronized void schedule(Duration delay) {
    if (closed) return;
    if (nextCheck != null) nextCheck.cancel(false);
    nextCheck = scheduler.schedule(this::check, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Generates a key when there is none or the newest is a renew period old; then waits for the next. */
  private void check() {
    if (!leading || closed) return;
    try {
      // a fresh list, not the watch's cache: another replica may have just added a key
      List<SealingKey> keys = new ArrayList<>(parse(client.secrets().inNamespace(options.keyNamespace())
          .withLabel(SealedSecret.KEY_LABEL, SealedSecret.KEY_ACTIVE).list().getItems()));
      Optional<SealingKey> newest = keys.stream().max(SealingKey.BY_AGE);
      Instant now = clock.instant();
      boolean due = newest.isEmpty()
          || (options.renews() && !newest.get().created().plus(options.renewPeriod()).isAfter(now));
      if (due) {
        SealingKey generated = generate(now);
        keys.add(generated);
        registry.replace(keys);
        newest = Optional.of(generated);
        LOG.info("generated sealing key {}/{}{}", options.keyNamespace(), generated.name(),
            keys.size() == 1 ? " (first key)" : "");
      }
      publish(newest.get());
      if (!options.renews()) return;
      Duration untilDue = Duration.between(clock.instant(), newest.get().created().plus(options.renewPeriod()));
      schedule(untilDue.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : untilDue);
    } catch (SealedSecretException | KubernetesClientException e) {
      if (closed) return;
      LOG.warn("sealing keys: {}; trying again in {}s", describe(e), RETRY.toSeconds());
      schedule(RETRY);
    } catch (RuntimeException e) {
      if (closed) return;
      LOG.error("sealing keys: {}; trying again in {}s", e.getClass().getSimpleName(), RETRY.toSeconds());
      schedule(RETRY);
    }
  }

  private SealingKey generate(Instant now) throws SealedSecretException {
    SealingKey key = KeyGenerator.generate(KeySecrets.NAME_PREFIX, now);
    Secret secret = KeySecrets.toSecret(key, options.keyNamespace());
    secret.getMetadata().setName(null);
    secret.getMetadata().setGenerateName(KeySecrets.NAME_PREFIX);
    // generation is CPU-bound and cannot be interrupted: a manager closed meanwhile adds no key
    if (closed) throw new SealedSecretException("closed");
    Secret created = client.secrets().inNamespace(options.keyNamespace()).resource(secret).create();
    // the server's name and creation time, as every replica and kubeseal will see them
    return KeySecrets.fromSecret(created);
  }

  private synchronized void publish(SealingKey newest) {
    if (newest.name().equals(publishedKey)) return;
    var cm = new ConfigMapBuilder()
        .withNewMetadata()
            .withName(PublishedCertificate.CONFIG_MAP)
            .withNamespace(options.keyNamespace())
            .withLabels(Map.of("app.kubernetes.io/managed-by", "keelson"))
        .endMetadata()
        .withData(Map.of(PublishedCertificate.KEY, Pem.certificate(newest.certificate()),
            PublishedCertificate.KEY_NAME, newest.name()))
        .build();
    try {
      client.configMaps().inNamespace(options.keyNamespace()).resource(cm)
          .fieldManager("keelson").forceConflicts().serverSideApply();
      publishedKey = newest.name();
      LOG.info("published the certificate of sealing key {} in ConfigMap {}/{}", newest.name(),
          options.keyNamespace(), PublishedCertificate.CONFIG_MAP);
    } catch (KubernetesClientException e) {
      LOG.warn("could not publish the sealing certificate: HTTP {}", e.getCode());
    }
  }

  private void ensureNamespace() {
    String ns = options.keyNamespace();
    try {
      if (client.namespaces().withName(ns).get() == null) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
    }
  }

  private static String describe(Exception e) {
    return e instanceof KubernetesClientException k ? "HTTP " + k.getCode() : e.getMessage();
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    if (informer != null) informer.close();
  }
}
