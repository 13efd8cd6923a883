package dev.keelson.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objects of one benchmark app, Flux's benchmark shape: a Deployment with 0 replicas, a
 * ServiceAccount, a Service and {@code objectsPerApp - 3} ConfigMaps, all named after the app so
 * that many apps share one namespace. The Service is headless ({@code clusterIP: None}): the local
 * control plane's service range is a /24, too small for a ClusterIP per app. Its port names
 * {@code protocol: TCP}, which the 1.20 API server's server-side apply requires.
 */
final class AppShape {
  static final int FIXED_OBJECTS = 3;
  /** The ConfigMap whose value drift and commit samples change. */
  static final String VALUE_KEY = "value";

  private final int objectsPerApp;

  AppShape(int objectsPerApp) {
    if (objectsPerApp < FIXED_OBJECTS + 1) {
      throw new IllegalArgumentException("--objects-per-app must be at least " + (FIXED_OBJECTS + 1)
          + " (a Deployment, a ServiceAccount, a Service and at least one ConfigMap)");
    }
    this.objectsPerApp = objectsPerApp;
  }

  int objectsPerApp() {
    return objectsPerApp;
  }

  int configMaps() {
    return objectsPerApp - FIXED_OBJECTS;
  }

  /** The ConfigMap that samples edit: {@code <app>-1}. */
  static String sampleConfigMap(String app) {
    return app + "-1";
  }

  /** The app's files, by file name, with {@code value} as the first ConfigMap's value. */
  Map<String, String> files(String app, String value) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("deployment.yaml", deployment(app));
    files.put("serviceaccount.yaml", serviceAccount(app));
    files.put("service.yaml", service(app));
    for (int i = 1; i <= configMaps(); i++) {
      files.put("configmap-" + i + ".yaml", configMap(app + "-" + i, i == 1 ? value : app + "-" + i));
    }
    return files;
  }

  static String deployment(String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %1$s
          labels:
            app: %1$s
        spec:
          replicas: 0
          selector:
            matchLabels:
              app: %1$s
          template:
            metadata:
              labels:
                app: %1$s
            spec:
              serviceAccountName: %1$s
              containers:
              - name: app
                image: nginx:1.25
                ports:
                - containerPort: 8080
                  protocol: TCP
        """.formatted(name);
  }

  static String serviceAccount(String name) {
    return """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: %s
        """.formatted(name);
  }

  static String service(String name) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: %1$s
        spec:
          clusterIP: None
          selector:
            app: %1$s
          ports:
          - name: http
            port: 80
            targetPort: 8080
            protocol: TCP
        """.formatted(name);
  }

  static String configMap(String name, String value) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
        data:
          %s: "%s"
        """.formatted(name, VALUE_KEY, value);
  }

  /** An Application for one app directory; {@code revision} may be empty (the default branch). */
  static String application(String name, String ns, String repoUrl, String path, String revision,
      boolean selfHeal, String interval) {
    String rev = revision == null || revision.isEmpty() ? "" : "\n    revision: " + revision;
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
            path: %s%s
          destination:
            namespace: %s
          syncPolicy:
            automated:
              prune: true
              selfHeal: %s
        """.formatted(name, ns, interval, repoUrl, path, rev, ns, selfHeal);
  }
}
