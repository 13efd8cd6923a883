package dev.keelson.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local-cluster up --name NAME}: a state directory of its own, and the same ports on every start. */
class NamedClusterTest {

  @TempDir
  Path stateDir;

  @Test
  void keepsThePortsItStartedWith() throws Exception {
    Ports first = LocalCluster.named(stateDir).ports();
    assertThat(first).isNotEqualTo(Ports.defaults());
    Files.writeString(stateDir.resolve("ports.properties"), "apiServer=41001\netcdClient=41002\netcdPeer=41003\n");
    assertThat(LocalCluster.named(stateDir).ports()).isEqualTo(new Ports(41001, 41002, 41003));
  }

  @Test
  void namesItsStateDirectory() {
    assertThat(LocalCluster.stateDirFor("staging"))
        .isEqualTo(LocalCluster.defaultStateDir().resolveSibling("local-clusters").resolve("staging"));
    assertThatThrownBy(() -> LocalCluster.stateDirFor("../etc")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> LocalCluster.stateDirFor("Prod")).isInstanceOf(IllegalArgumentException.class);
  }
}
