package dev.keelson.controller.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Manifests and observers for the sync orchestration tests: waves, hooks and gates. */
public final class Orchestrated {
  private Orchestrated() {}

  public static String configMap(String name, String value, String annotations) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          annotations:
        %s
        data:
          value: "%s"
        """.formatted(name, indent(annotations, 4), value);
  }

  /** A Job that the node simulator runs to completion with the given exit code. */
  public static String job(String name, String annotations, int exitCode) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: %s
          annotations:
        %s
        spec:
          backoffLimit: 0
          template:
            metadata:
              annotations:
                keelson.dev/simulate-exit-code: "%d"
            spec:
              restartPolicy: Never
              containers:
              - name: run
                image: busybox:1.36
        """.formatted(name, indent(annotations, 4), exitCode);
  }

  /** A Deployment whose pods become Ready, or never do. */
  public static String deployment(String name, String annotations, boolean ready) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          annotations:
        %s
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: %s
          template:
            metadata:
              labels:
                app: %s
              annotations:
                keelson.dev/simulate-ready: "%s"
            spec:
              containers:
              - name: web
                image: nginx:1.25
        """.formatted(name, indent(annotations, 4), name, name, ready);
  }

  /** An automated Application with extra spec lines (indented under spec). */
  public static String app(String name, String ns, String repoUrl, String syncPolicyExtra, String specExtra) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          interval: 2s
          source:
            repoURL: %s
            path: .
          destination:
            namespace: %s
          syncPolicy:
            automated:
              prune: true
              selfHeal: false
        %s
        %s
        """.formatted(name, ns, repoUrl, ns, indent(syncPolicyExtra, 4), indent(specExtra, 2));
  }

  public static String indent(String text, int spaces) {
    if (text == null || text.isBlank()) return "";
    String pad = " ".repeat(spaces);
    StringBuilder b = new StringBuilder();
    for (String line : text.strip().split("\n")) b.append(pad).append(line).append('\n');
    return b.toString().stripTrailing();
  }

  /** Records the order in which the API server reports objects being created (or deleted). */
  public static final class Order implements AutoCloseable {
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Watch> watches = new ArrayList<>();

    public Order(KubernetesClient client, String ns, Watcher.Action action) {
      watches.add(client.configMaps().inNamespace(ns).watch(recorder("ConfigMap", action)));
      watches.add(client.batch().v1().jobs().inNamespace(ns).watch(recorder("Job", action)));
      watches.add(client.apps().deployments().inNamespace(ns).watch(recorder("Deployment", action)));
    }

    private <T extends HasMetadata> Watcher<T> recorder(String kind, Watcher.Action wanted) {
      return new Watcher<>() {
        @Override
        public void eventReceived(Action action, T resource) {
          if (action == wanted && !"kube-root-ca.crt".equals(resource.getMetadata().getName())) {
            seen.add(kind + "/" + resource.getMetadata().getName());
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      };
    }

    public List<String> seen() {
      synchronized (seen) {
        return List.copyOf(seen);
      }
    }

    @Override
    public void close() {
      watches.forEach(Watch::close);
    }
  }
}
