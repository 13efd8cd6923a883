package dev.keelson.controller.runtime;

import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.engine.VariableSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ConfigMaps and Secrets an app's spec names, read from the API server on every reconcile: their content may change at any time, and a stale value would render a stale object.
 * As in Flux, a ConfigMap's {@code data} counts (not {@code binaryData}), and a Secret's {@code
 * data}, decoded.
 */
final class KubeVariableSource implements VariableSource {
  private final KubernetesClient client;

  KubeVariableSource(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Map<String, String>> read(String namespace, VariableRef ref) throws ReconcileFailure {
    try {
      return switch (ref.kind()) {
        case ConfigMap -> {
          ConfigMap cm = client.configMaps().inNamespace(namespace).withName(ref.name()).get();
          yield cm == null ? Optional.empty()
              : Optional.of(cm.getData() == null ? Map.of() : Map.copyOf(cm.getData()));
        }
        case Secret -> {
          Secret secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
          yield secret == null ? Optional.empty() : Optional.of(decoded(secret, ref));
        }
      };
    } catch (KubernetesClientException e) {
      // the code only: a client message may quote what the server sent
      // the caller names the field that asked for it (VariableSource#read with a field)
      throw new ReconcileFailure(e.getCode() == 0 ? FailureReason.ClusterUnreachable : FailureReason.SourceFailed,
          "reading " + ref + " in namespace " + namespace + ": HTTP " + e.getCode(), true);
    }
  }

  private static Map<String, String> decoded(Secret secret, VariableRef ref) throws ReconcileFailure {
    Map<String, String> out = new HashMap<>();
    if (secret.getData() == null) {
      return out;
    }
    for (Map.Entry<String, String> e : secret.getData().entrySet()) {
      try {
        out.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue() == null ? "" : e.getValue()),
            StandardCharsets.UTF_8));
      } catch (IllegalArgumentException bad) {
        throw new ReconcileFailure(FailureReason.SourceFailed,
            ref + ": key \"" + e.getKey() + "\" is not valid base64", false);
      }
    }
    return out;
  }
}
