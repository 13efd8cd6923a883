package dev.keelson.controller.fake;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Objects and settings for unit tests of the engine, as the renderer would hand them over. */
public final class Fixtures {
  public static final String NS = "team";
  public static final AppRef APP = new AppRef("keelson", "web");

  private Fixtures() {}

  /** The app's settings with {@code syncPolicy} given as YAML (may be empty). */
  public static AppSettings settings(String syncPolicyYaml) {
    String policy = syncPolicyYaml.isBlank() ? "{}" : syncPolicyYaml;
    String yaml = """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          source:
            repoURL: https://git.example.com/deploy.git
          destination:
            namespace: %s
          syncPolicy: %s
        """.formatted(APP.name(), APP.namespace(), NS, policy);
    return AppSettings.of(Serialization.unmarshal(yaml, Application.class));
  }

  public static Manifest configMap(String name, Map<String, String> annotations) {
    Map<String, Object> body = object("v1", "ConfigMap", name, annotations);
    body.put("data", new LinkedHashMap<>(Map.of("key", name)));
    return manifest("", body);
  }

  public static Manifest configMap(String name) {
    return configMap(name, Map.of());
  }

  /** A Deployment that is Progressing until its status says the rollout finished. */
  public static Manifest deployment(String name, Map<String, String> annotations) {
    Map<String, Object> body = object("apps/v1", "Deployment", name, annotations);
    body.put("spec", new LinkedHashMap<>(Map.of("replicas", 1)));
    return manifest("apps", body);
  }

  /** A CRD; Established only once a test (or {@link FakeCluster#onApply}) says so. */
  public static Manifest crd(String plural, String group) {
    Map<String, Object> body = object("apiextensions.k8s.io/v1", "CustomResourceDefinition", plural + "." + group, Map.of());
    ((Map<?, ?>) body.get("metadata")).remove("namespace");
    body.put("spec", new LinkedHashMap<>(Map.of("group", group)));
    ResourceKey key = new ResourceKey("apiextensions.k8s.io", "CustomResourceDefinition", "", plural + "." + group);
    return new Manifest(key, "apiextensions.k8s.io/v1", TrackingMark.stamp(body, APP, key), "crds/" + plural + ".yaml");
  }

  public static Map<String, Object> established() {
    return Map.of("conditions", List.of(Map.of("type", "Established", "status", "True")));
  }

  /** A Job hook of {@code phase} (Argo CD's annotations), with more annotations if given. */
  public static Manifest jobHook(String name, String phase, Map<String, String> more) {
    Map<String, String> ann = new LinkedHashMap<>(more);
    ann.put("argocd.argoproj.io/hook", phase);
    return manifest("batch", object("batch/v1", "Job", name, ann));
  }

  public static Manifest podHook(String name, String phase) {
    return manifest("", object("v1", "Pod", name, Map.of("argocd.argoproj.io/hook", phase)));
  }

  /** A Deployment status that makes it Healthy. */
  public static Map<String, Object> rolledOut() {
    return Map.of("replicas", 1, "updatedReplicas", 1, "availableReplicas", 1);
  }

  /** A Deployment status that makes it Degraded. */
  public static Map<String, Object> deadlineExceeded() {
    return Map.of("conditions", List.of(Map.of("type", "Progressing", "status", "False",
        "reason", "ProgressDeadlineExceeded")));
  }

  public static Map<String, Object> jobCondition(String type) {
    return Map.of("conditions", List.of(Map.of("type", type, "status", "True", "message", "job " + type)));
  }

  public static Map<String, String> wave(int wave) {
    return Map.of("argocd.argoproj.io/sync-wave", String.valueOf(wave));
  }

  private static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, String> annotations) {
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("name", name);
    md.put("namespace", NS);
    if (!annotations.isEmpty()) md.put("annotations", new LinkedHashMap<>(annotations));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", apiVersion);
    body.put("kind", kind);
    body.put("metadata", md);
    return body;
  }

  private static Manifest manifest(String group, Map<String, Object> body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> md = (Map<String, Object>) body.get("metadata");
    ResourceKey key = new ResourceKey(group, (String) body.get("kind"), NS, (String) md.get("name"));
    return new Manifest(key, (String) body.get("apiVersion"), TrackingMark.stamp(body, APP, key),
        "manifests/" + md.get("name") + ".yaml");
  }
}
