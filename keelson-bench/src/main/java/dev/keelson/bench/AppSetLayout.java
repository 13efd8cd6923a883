package dev.keelson.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the apps of the {@code appset} scenario live: one directory per app in one repository,
 * under the directory of the cluster it goes to ({@code apps/<cluster>/app-0001}), so that one
 * ApplicationSet whose generator is a matrix of the clusters generator (by the run's label) and
 * a git directories generator naming the cluster ({@code apps/{{name}}/*}) yields each app once,
 * on its own cluster. Apps go round-robin over the clusters: N/C per cluster, the first clusters
 * one more when C does not divide N.
 *
 * @param apps N
 * @param clusters the clusters' names as their Secrets give them; the first is the controller's
 *     own ({@value #IN_CLUSTER_NAME})
 */
record AppSetLayout(int apps, List<String> clusters) {
  /** Argo CD's name for the controller's own cluster, which its Secret keeps. */
  static final String IN_CLUSTER_NAME = "in-cluster";
  static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
  /** The label that ties the run's cluster Secrets to its ApplicationSet's clusters selector. */
  static final String RUN_LABEL = "keelson.dev/bench-run";
  static final String SET_NAME = "bench";

  AppSetLayout {
    if (apps < 1) throw new IllegalArgumentException("--apps must be at least 1");
    if (clusters.isEmpty()) throw new IllegalArgumentException("--clusters must be at least 1");
    clusters = List.copyOf(clusters);
  }

  /** The in-cluster plus {@code count - 1} clusters named {@code bench-2}, {@code bench-3}, ... */
  static AppSetLayout of(int apps, int count) {
    if (count < 1) throw new IllegalArgumentException("--clusters must be at least 1");
    List<String> names = new ArrayList<>();
    names.add(IN_CLUSTER_NAME);
    for (int i = 2; i <= count; i++) names.add(extraClusterName(i));
    return new AppSetLayout(apps, names);
  }

  /** The name of the i-th cluster (2-based: the first is the in-cluster). */
  static String extraClusterName(int i) {
    return "bench-" + i;
  }

  /** The i-th app's name (1-based), the same as cold-start's. */
  String app(int i) {
    return Text.appName(i);
  }

  /** The cluster of the i-th app (1-based). */
  String clusterOf(int i) {
    return clusters.get((i - 1) % clusters.size());
  }

  /** The i-th app's directory in the repository. */
  String directory(int i) {
    return "apps/" + clusterOf(i) + "/" + app(i);
  }

  /** Every app's name with its cluster, in order. */
  Map<String, String> clusterByApp() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 1; i <= apps; i++) m.put(app(i), clusterOf(i));
    return m;
  }

  /** How many apps each cluster gets. */
  Map<String, Integer> appsPerCluster() {
    Map<String, Integer> m = new LinkedHashMap<>();
    clusters.forEach(c -> m.put(c, 0));
    clusterByApp().values().forEach(c -> m.merge(c, 1, Integer::sum));
    return m;
  }

  /**
   * The run's ApplicationSet, Argo CD's usual fleet shape with {@code {{param}}} templates: the
   * clusters with the run's label times the app directories of each, rendered into Applications
   * named after their directory, each going to its cluster's {@code server} into {@code
   * destinationNs}, automated with prune and selfHeal like the other scenarios' apps.
   *
   * @param ns the set's (and its Applications') namespace, also the controller namespace
   * @param runLabel the value of {@value #RUN_LABEL} on the run's cluster Secrets
   * @param appInterval the generated apps' spec.interval
   */
  static String applicationSet(String ns, String runLabel, String repoUrl, String destinationNs, String appInterval) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: ApplicationSet
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          generators:
          - matrix:
              generators:
              - clusters:
                  selector:
                    matchLabels:
                      %3$s: %4$s
              - git:
                  repoURL: '%5$s'
                  revision: %6$s
                  directories:
                  - path: 'apps/{{name}}/*'
          template:
            metadata:
              name: '{{path.basename}}'
            spec:
              interval: %7$s
              source:
                repoURL: '%5$s'
                path: '{{path}}'
              destination:
                server: '{{server}}'
                namespace: %8$s
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
        """.formatted(SET_NAME, ns, RUN_LABEL, runLabel, repoUrl, BenchRepo.BRANCH, appInterval, destinationNs);
  }
}
