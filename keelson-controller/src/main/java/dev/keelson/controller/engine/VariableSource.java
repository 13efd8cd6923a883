package dev.keelson.controller.engine;

import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the ConfigMaps and Secrets that {@code spec.postBuild.substituteFrom} names. Behind an
 * interface so that the engine can be tested without a cluster.
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
}
