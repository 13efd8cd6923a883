package dev.keelson.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterTest {

  @TempDir
  Path stateDir;

  private final LocalCluster localCluster = new LocalCluster(Ports.random(), KubeBinaries.locate());

  @AfterEach
  void stopEvenIfTheTestFailed() {
    localCluster.down(stateDir);
  }

  @Test
  void upIsIdempotentAndDownStopsEverything() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream progress = new PrintStream(out, true, StandardCharsets.UTF_8);

    Path kubeconfig = localCluster.up(stateDir, progress);

    assertThat(kubeconfig).exists();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("starting kube-apiserver", "local cluster ready");
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
      assertThat(LocalCluster.nodeReady(client.nodes().withName(NodeSimulator.NODE_NAME).get())).isTrue();
      assertThat(client.namespaces().withName("default").get()).isNotNull();
    }
    List<Long> pids = recordedPids();
    assertThat(pids).hasSize(4);

    out.reset();
    assertThat(localCluster.up(stateDir, progress)).isEqualTo(kubeconfig);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("already running");
    assertThat(recordedPids()).isEqualTo(pids);
    assertThat(localCluster.kubeconfig(stateDir)).contains(kubeconfig);

    out.reset();
    assertThat(localCluster.down(stateDir, progress)).isTrue();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stopped kube-apiserver", "local cluster stopped");
    assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(localCluster.kubeconfig(stateDir)).isEmpty();
    assertThat(localCluster.down(stateDir)).isFalse();
  }

  private List<Long> recordedPids() {
    StateLayout layout = new StateLayout(stateDir);
    return List.of(LocalCluster.SIMULATOR, ControlPlane.ETCD, ControlPlane.APISERVER, ControlPlane.CONTROLLER_MANAGER)
        .stream()
        .map(c -> PidFile.read(layout.pidFile(c)))
        .flatMap(Optional::stream)
        .map(PidFile::pid)
        .toList();
  }
}
