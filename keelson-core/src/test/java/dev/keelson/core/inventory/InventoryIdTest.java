package dev.keelson.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.keelson.core.model.ResourceKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryIdTest {

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of(new ResourceKey("apps", "Deployment", "shop", "web"), "shop_web_apps_Deployment"),
        Arguments.of(new ResourceKey("", "ConfigMap", "shop", "cfg"), "shop_cfg__ConfigMap"),
        Arguments.of(new ResourceKey(null, "Service", "shop", "web"), "shop_web__Service"),
        Arguments.of(new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "reader"),
            "_reader_rbac.authorization.k8s.io_ClusterRole"),
        Arguments.of(new ResourceKey("", "Namespace", null, "shop"), "_shop__Namespace"),
        Arguments.of(new ResourceKey("apiextensions.k8s.io", "CustomResourceDefinition", "",
            "widgets.example.com"), "_widgets.example.com_apiextensions.k8s.io_CustomResourceDefinition"));
  }

  @ParameterizedTest
  @MethodSource("keys")
  @DisplayName("inventoryId is Flux's <namespace>_<name>_<group>_<kind>")
  void format(ResourceKey key, String id) {
    assertThat(key.inventoryId()).isEqualTo(id);
  }

  @ParameterizedTest
  @MethodSource("keys")
  @DisplayName("fromInventoryId reads back the same key, core group and cluster scope included")
  void roundTrip(ResourceKey key, String id) {
    ResourceKey parsed = ResourceKey.fromInventoryId(key.inventoryId());

    assertThat(parsed).isEqualTo(key);
    assertThat(parsed.inventoryId()).isEqualTo(id);
    assertThat(parsed.namespaced()).isEqualTo(!key.namespace().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "web", "shop_web_Deployment", "shop_web_apps_Deployment_extra", "a_b_c_d_e"})
  @DisplayName("fromInventoryId rejects ids without exactly four parts, quoting the id")
  void rejectsMalformed(String id) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ResourceKey.fromInventoryId(id))
        .withMessageContaining("not an inventory id")
        .withMessageEndingWith(": " + id);
  }
}
