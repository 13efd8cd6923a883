package dev.keelson.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every scenario takes. */
public final class BenchOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig of the cluster to use (default: $KUBECONFIG, else the local cluster, started if none runs).")
  Path kubeconfig;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
      description = "Bound on the whole run, cleanup aside (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON result to FILE.")
  Path out;

  @Option(names = "--keep-cluster",
      description = "When the run had to start the local cluster (or, for appset, more local clusters), leave them running afterwards.")
  boolean keepCluster;
}
