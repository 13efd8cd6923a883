package dev.keelson.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.runtime.ControllerPermissions.Access;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import dev.keelson.rollouts.runtime.RolloutOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ControllerPermissionsTest {
  final ControllerOptions defaults = ControllerOptions.defaults(Path.of("cache"));

  @Test
  @DisplayName("watching all namespaces: the watched rules are reviewed cluster-wide, the Lease in its namespace")
  void clusterWide() {
    List<Access> all = ControllerPermissions.required(defaults.withLeaseNamespace("lease-ns"));
    assertThat(all).anySatisfy(a -> {
      assertThat(a.resource()).isEqualTo("applications/status");
      assertThat(a.verb()).isEqualTo("update");
      assertThat(a.namespace()).isNull();
    });
    assertThat(all).filteredOn(a -> a.resource().equals("leases")).isNotEmpty()
        .allMatch(a -> "lease-ns".equals(a.namespace()));
    assertThat(all).filteredOn(a -> a.rule().feature() == ControllerRbac.Feature.ENGINE).isEmpty();
    assertThat(all).extracting(a -> a.namespace() + a.group() + a.resource() + a.verb()).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("namespaced: each watched namespace reviewed on its own; features turned off and leader election off need nothing")
  void namespacedAndFeatures() {
    ControllerOptions o = defaults.withNamespaces(Set.of("a", "b")).withLeaseNamespace(null)
        .withRollouts(RolloutOptions.defaults().withEnabled(false))
        .withSealedSecrets(SealedSecretsOptions.defaults().withEnabled(false));
    List<Access> all = ControllerPermissions.required(o);
    assertThat(all).filteredOn(a -> a.resource().equals("applications") && a.verb().equals("watch"))
        .extracting(Access::namespace).containsExactly("a", "b");
    assertThat(all).noneMatch(a -> a.resource().equals("leases") || a.resource().startsWith("rollouts")
        || a.group().equals("bitnami.com"));
    assertThat(all).filteredOn(a -> a.resource().equals("customresourcedefinitions")).extracting(Access::namespace)
        .containsOnlyNulls();
    assertThat(all.get(0).toString()).contains(" in namespace a (CORE: ");
  }

  @Test
  @DisplayName("--manage narrows the engine's rule to the listed resources; no list means every kind")
  void managed() {
    assertThat(ControllerRbac.Managed.parse(List.of())).isEqualTo(ControllerRbac.Managed.ALL);
    List<ControllerRbac.Rule> engine = ControllerRbac.rules(ControllerRbac.Features.DEFAULTS,
        ControllerRbac.Managed.parse(List.of("configmaps", "apps/deployments"))).stream()
        .filter(r -> r.feature() == ControllerRbac.Feature.ENGINE).toList();
    assertThat(engine).extracting(r -> r.apiGroups().get(0) + "/" + r.resources().get(0))
        .containsExactly("/configmaps", "apps/deployments");
  }
}
