package dev.keelson.localcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the control-plane executables live. They cannot be downloaded on the machines Keelson is
 * developed on, so {@code hack/kube-binaries.sh} builds them once into a cache directory.
 */
public record KubeBinaries(Path dir) {

  public static final String ENV_BIN_DIR = "KEELSON_KUBE_BIN";
  public static final String KUBE_VERSION = "1.20.2";

  /** {@code $KEELSON_KUBE_BIN}, else the cache directory {@code hack/kube-binaries.sh} fills. */
  public static KubeBinaries locate() {
    return locate(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static KubeBinaries locate(Map<String, String> env, Path home) {
    String fromEnv = env.get(ENV_BIN_DIR);
    Path dir = fromEnv != null && !fromEnv.isBlank()
        ? Path.of(fromEnv)
        : home.resolve(".cache/keelson/kube-" + KUBE_VERSION + "/bin");
    KubeBinaries binaries = new KubeBinaries(dir);
    List<Path> missing = binaries.all().stream().filter(p -> !Files.isExecutable(p)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Kubernetes control-plane binaries not found: " + missing
          + ". Build them once with hack/kube-binaries.sh (takes about 7 minutes), or point "
          + ENV_BIN_DIR + " at a directory holding kube-apiserver, kube-controller-manager and etcd.");
    }
    return binaries;
  }

  public Path apiServer() {
    return dir.resolve("kube-apiserver");
  }

  public Path controllerManager() {
    return dir.resolve("kube-controller-manager");
  }

  public Path etcd() {
    return dir.resolve("etcd");
  }

  private List<Path> all() {
    return List.of(etcd(), apiServer(), controllerManager());
  }
}
