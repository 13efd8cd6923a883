package dev.keelson.cli;

import dev.keelson.localcluster.LocalCluster;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A real local control plane on loopback for trying Keelson out and for tests. */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
    description = "Start, stop or locate a local control plane (etcd, kube-apiserver, kube-controller-manager, node simulator).",
    subcommands = {LocalClusterCommand.Up.class, LocalClusterCommand.Down.class, LocalClusterCommand.Kubeconfig.class})
final class LocalClusterCommand {

  static class StateDir {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the cluster keeps its data (default: ~/.keelson/local-cluster).")
    Path stateDir;

    @Option(names = "--name", paramLabel = "NAME",
        description = "Another local cluster beside the default one, on ports of its own (state in ~/.keelson/local-clusters/NAME).")
    String name;

    Path resolve() {
      if (stateDir != null) return stateDir;
      return name != null ? LocalCluster.stateDirFor(name) : LocalCluster.defaultStateDir();
    }

    LocalCluster cluster() throws java.io.IOException {
      return name != null ? LocalCluster.named(resolve()) : new LocalCluster();
    }
  }

  @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the control plane (idempotent); prints the admin kubeconfig path last.")
  static final class Up implements Callable<Integer> {
    @Mixin StateDir dir;
    @Mixin KubeOptions kube; // accepted for uniformity; the local cluster writes its own kubeconfig

    @Override
    public Integer call() throws Exception {
      Path kubeconfig = dir.cluster().up(dir.resolve(), System.out);
      System.out.println(kubeconfig);
      return ExitCodes.OK;
    }
  }

  @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the control plane.")
  static final class Down implements Callable<Integer> {
    @Mixin StateDir dir;
    @Mixin KubeOptions kube;

    @Override
    public Integer call() {
      new LocalCluster().down(dir.resolve(), System.out);
      return ExitCodes.OK;
    }
  }

  @Command(name = "kubeconfig", mixinStandardHelpOptions = true, description = "Print the admin kubeconfig path of the running local cluster.")
  static final class Kubeconfig implements Callable<Integer> {
    @Mixin StateDir dir;
    @Mixin KubeOptions kube;

    @Override
    public Integer call() {
      var path = new LocalCluster().kubeconfig(dir.resolve());
      if (path.isEmpty()) {
        System.err.println("the local cluster is not running; start it with: keelson local-cluster up");
        return ExitCodes.ERROR;
      }
      System.out.println(path.get());
      return ExitCodes.OK;
    }
  }
}
