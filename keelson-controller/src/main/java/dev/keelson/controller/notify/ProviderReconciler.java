package dev.keelson.controller.notify;

import dev.keelson.api.v1alpha1.Provider;
import dev.keelson.api.v1alpha1.ProviderSpec;
import dev.keelson.controller.repos.SecretData;
import dev.keelson.core.time.Durations;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads each Provider and its Secret into a {@link ProviderConfig} for deliveries, and says in
 * `Ready` why one cannot be used. Looks again every minute, so a rotated token or address takes
 * effect within one. Messages never repeat the address or a Secret's value.
 */
@ControllerConfiguration(name = "provider", generationAwareEventProcessing = false, triggerReconcilerOnAllEvents = true)
public final class ProviderReconciler implements Reconciler<Provider> {
  static final Duration RECHECK = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final NotificationRegistry registry;
  private final Clock clock;

  public ProviderReconciler(KubernetesClient client, NotificationRegistry registry, Clock clock) {
    this.client = client;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public UpdateControl<Provider> reconcile(Provider p, Context<Provider> context) {
    String ns = p.getMetadata().getNamespace();
    String name = p.getMetadata().getName();
    if (context.isPrimaryResourceDeleted() || p.isMarkedForDeletion()) {
      registry.removeProvider(ns, name);
      return UpdateControl.noUpdate();
    }
    try {
      ProviderConfig config = config(p, secret(p));
      registry.putProvider(config);
      ReadyCondition.write(client, Provider.class, p, true, "Succeeded",
          config.suspended() ? "suspended" : "Provider " + config.type().specName() + " ready", clock);
    } catch (IllegalArgumentException e) {
      registry.removeProvider(ns, name);
      ReadyCondition.write(client, Provider.class, p, false, "InvalidSpec", e.getMessage(), clock);
    }
    return UpdateControl.<Provider>noUpdate().rescheduleAfter(RECHECK);
  }

  private Map<String, String> secret(Provider p) {
    ProviderSpec.SecretRef ref = p.getSpec().secretRef;
    if (ref == null || ref.name == null || ref.name.isBlank()) return Map.of();
    Secret s = client.secrets().inNamespace(p.getMetadata().getNamespace()).withName(ref.name).get();
    if (s == null) {
      throw new IllegalArgumentException("spec.secretRef: Secret " + p.getMetadata().getNamespace() + "/" + ref.name
          + " not found");
    }
    return SecretData.of(s);
  }

  /** The Provider as deliveries see it. @throws IllegalArgumentException naming the field at fault */
  ProviderConfig config(Provider p, Map<String, String> secret) {
    ProviderSpec spec = p.getSpec();
    ProviderType type = ProviderType.parse(spec.type);
    String address = nonBlank(secret.get("address"));
    String field = "the Secret's key address";
    if (address == null) {
      address = nonBlank(spec.address);
      field = "spec.address";
    }
    if (address == null) address = type.defaultAddress;
    if (address == null) {
      throw new IllegalArgumentException("spec.address (or the Secret's key address) is required for type "
          + type.specName());
    }
    URI uri;
    try {
      uri = URI.create(address.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not a URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(field + " is not an http(s) URL");
    }
    Duration timeout = null;
    if (nonBlank(spec.timeout) != null) {
      try {
        timeout = Durations.parse(spec.timeout);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.timeout: " + e.getMessage());
      }
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("spec.timeout must be positive");
    }
    String token = nonBlank(secret.get("token"));
    if (type == ProviderType.genericHmac && token == null) {
      throw new IllegalArgumentException("spec.secretRef: type generic-hmac needs a Secret with the key token");
    }
    return new ProviderConfig(p.getMetadata().getNamespace(), p.getMetadata().getName(), type, uri,
        nonBlank(spec.channel), nonBlank(spec.username), timeout, token == null ? null : token.strip(),
        nonBlank(secret.get("username")), secret.get("password"), headers(secret.get("headers")),
        Boolean.TRUE.equals(spec.suspend));
  }

  private Map<String, String> headers(String yaml) {
    if (nonBlank(yaml) == null) return Map.of();
    Object parsed;
    try {
      parsed = client.getKubernetesSerialization().unmarshal(yaml, Object.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the Secret's key headers is not a YAML map of header names to values");
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("the Secret's key headers is not a YAML map of header names to values");
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
