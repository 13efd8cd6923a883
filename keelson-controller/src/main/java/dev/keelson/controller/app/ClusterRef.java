package dev.keelson.controller.app;

/**
 * Which cluster an app's objects go to, as its spec names it: by API server URL, by name, or the
 * controller's own cluster (neither set, {@link #IN_CLUSTER_SERVER} or {@link #IN_CLUSTER_NAME}).
 */
public sealed interface ClusterRef {
  /** Argo CD's names for the cluster the controller runs in. */
  String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
  String IN_CLUSTER_NAME = "in-cluster";

  /** The controller's own cluster. */
  record InCluster() implements ClusterRef {
    @Override
    public String toString() {
      return IN_CLUSTER_NAME;
    }
  }

  record ByServer(String server) implements ClusterRef {
    @Override
    public String toString() {
      return "server " + server;
    }
  }

  record ByName(String name) implements ClusterRef {
    @Override
    public String toString() {
      return "cluster " + name;
    }
  }

  ClusterRef IN_CLUSTER = new InCluster();

  /** @throws IllegalArgumentException when both are set */
  static ClusterRef of(String server, String name) {
    boolean hasServer = server != null && !server.isBlank();
    boolean hasName = name != null && !name.isBlank();
    if (hasServer && hasName) {
      throw new IllegalArgumentException("spec.destination: set server or name, not both");
    }
    if (hasServer) {
      String s = stripSlash(server.trim());
      return s.equals(IN_CLUSTER_SERVER) ? IN_CLUSTER : new ByServer(s);
    }
    if (hasName) {
      String n = name.trim();
      return n.equals(IN_CLUSTER_NAME) ? IN_CLUSTER : new ByName(n);
    }
    return IN_CLUSTER;
  }

  static String stripSlash(String url) {
    String u = url;
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    return u;
  }
}
