package dev.keelson.controller.it;

/** Small manifests used across the integration tests. */
public final class Manifests {
  private Manifests() {}

  public static String configMap(String name, String value) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
        data:
          value: "%s"
        """.formatted(name, value);
  }

  public static String deployment(String name, int replicas) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          labels:
            app: %s
        spec:
          replicas: %d
          selector:
            matchLabels:
              app: %s
          template:
            metadata:
              labels:
                app: %s
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports:
                - containerPort: 80
        """.formatted(name, name, replicas, name, name);
  }

  public static String application(String name, String ns, String repoUrl, String path, boolean automated,
      boolean prune, boolean selfHeal, String interval) {
    String policy = automated
        ? """
          syncPolicy:
            automated:
              prune: %s
              selfHeal: %s
        """.formatted(prune, selfHeal)
        : "";
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          interval: %s
          source:
            repoURL: %s
            path: %s
          destination:
            namespace: %s
        %s""".formatted(name, ns, interval, repoUrl, path, ns, policy);
  }
}
