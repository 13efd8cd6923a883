package dev.keelson.controller.engine;

import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the ConfigMaps and Secrets an app's spec names: {@code postBuild.substituteFrom}, a
 * chart's {@code valuesFrom}, a Helm repository's credentials. Behind an interface so that the
 * engine can be tested without a cluster.
 */
public interface VariableSource {
  /**
   * The data of the ConfigMap, or of the Secret with its values decoded; empty when it does not
   * exist.
   *
   * @throws ReconcileFailure when it cannot be read (transient); the message names the object,
   *     never its content
   */
  Optional<Map<String, String>> read(String namespace, VariableRef ref) throws ReconcileFailure;

  /**
   * The same, a failure named after the field that asked for the object and given that field's
   * reason; a cluster that cannot be reached stays {@link FailureReason#ClusterUnreachable}.
   */
  default Optional<Map<String, String>> read(String namespace, VariableRef ref, String field, FailureReason reason)
      throws ReconcileFailure {
    try {
      return read(namespace, ref);
    } catch (ReconcileFailure f) {
      if (f.reason() == FailureReason.ClusterUnreachable) throw f;
      throw new ReconcileFailure(reason, field + ": " + f.getMessage(), f.isTransient());
    }
  }
}
