package dev.keelson.controller.it;

/**
 * Fixtures in the shapes of the public example repositories written for Argo CD and Flux, as
 * their users write them: ports without {@code protocol}, hooks with {@code generateName}, a
 * Kustomize overlay with {@code namePrefix}, Applications holding Applications.
 */
final class ExampleRepos {
  private ExampleRepos() {}

  static final String GUESTBOOK_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: guestbook-ui
      spec:
        replicas: 1
        revisionHistoryLimit: 3
        selector:
          matchLabels:
            app: guestbook-ui
        template:
          metadata:
            labels:
              app: guestbook-ui
          spec:
            containers:
            - image: gcr.io/heptio-images/ks-guestbook-demo:0.2
              name: guestbook-ui
              ports:
              - containerPort: 80
      """;

  static final String GUESTBOOK_SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: guestbook-ui
      spec:
        ports:
        - port: 80
          targetPort: 80
        selector:
          app: guestbook-ui
      """;

  static final String KUSTOMIZE_GUESTBOOK = """
      namePrefix: kustomize-

      resources:
      - guestbook-ui-deployment.yaml
      - guestbook-ui-svc.yaml
      """;

  /** A plugin's kustomization that does not build on its own, elsewhere in the repository. */
  static final String BROKEN_PLUGIN_KUSTOMIZATION = """
      resources:
      - ./all.yaml
      """;

  /** Argo CD's hook examples: a Job per sync with a generated name. */
  static String generatedHook(String prefix, String phase) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          generateName: %s
          annotations:
            argocd.argoproj.io/hook: %s
        spec:
          template:
            spec:
              containers:
              - name: sleep
                image: alpine:latest
                command: ["sleep", "1"]
              restartPolicy: Never
          backoffLimit: 0
        """.formatted(prefix, phase);
  }

  /** A child Application of an app of apps, with the resources finalizer (Argo CD's pattern). */
  static String childApp(String name, String ns, String repoUrl, String path) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          finalizers:
          - keelson.dev/resources-finalizer
        spec:
          interval: 2s
          source:
            repoURL: %s
            path: %s
          destination:
            namespace: %s
          syncPolicy:
            automated:
              prune: true
        """.formatted(name, repoUrl, path, ns);
  }
}
