package dev.keelson.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeBinariesTest {

  @Test
  void missingBinariesNameTheBuildScript(@TempDir Path empty) {
    assertThatThrownBy(() -> KubeBinaries.locate(Map.of(KubeBinaries.ENV_BIN_DIR, empty.toString()), empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hack/kube-binaries.sh");
  }

  @Test
  void defaultsToTheCacheDirectory(@TempDir Path home) {
    assertThatThrownBy(() -> KubeBinaries.locate(Map.of(), home))
        .hasMessageContaining(home.resolve(".cache/keelson/kube-1.20.2/bin").toString());
  }

  @Test
  void findsTheBuiltBinaries() {
    assertThat(KubeBinaries.locate().apiServer()).isExecutable();
  }
}
