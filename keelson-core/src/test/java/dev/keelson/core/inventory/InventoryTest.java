package dev.keelson.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.keelson.core.model.ResourceKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InventoryTest {
  private static final ResourceKey DEPLOY = new ResourceKey("apps", "Deployment", "shop", "web");
  private static final ResourceKey SERVICE = new ResourceKey("", "Service", "shop", "web");
  private static final ResourceKey CONFIG = new ResourceKey("", "ConfigMap", "shop", "cfg");
  private static final ResourceKey ROLE = new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "reader");
  private static final ResourceKey NS = new ResourceKey("", "Namespace", "", "shop");

  private static Inventory inventory() {
    Map<ResourceKey, String> m = new LinkedHashMap<>();
    m.put(SERVICE, "v1");
    m.put(ROLE, "v1");
    m.put(DEPLOY, "v1");
    m.put(CONFIG, "v1");
    m.put(NS, "v1");
    return Inventory.of(m);
  }

  @Test
  @DisplayName("staleAgainst: the entries not desired any more, with their API versions")
  void stale() {
    Map<ResourceKey, String> stale = inventory().staleAgainst(List.of(DEPLOY, SERVICE, NS));

    assertThat(stale).containsOnly(entry(CONFIG, "v1"), entry(ROLE, "v1"));
  }

  @Test
  @DisplayName("staleAgainst: nothing when everything is still desired, desired objects not in the inventory aside")
  void noneStale() {
    ResourceKey added = new ResourceKey("", "Secret", "shop", "new");

    assertThat(inventory().staleAgainst(List.of(DEPLOY, SERVICE, CONFIG, ROLE, NS, added))).isEmpty();
  }

  @Test
  @DisplayName("staleAgainst: everything when nothing is desired; nothing for an empty inventory")
  void allStale() {
    assertThat(inventory().staleAgainst(List.of())).hasSize(5);
    assertThat(Inventory.empty().staleAgainst(List.of(DEPLOY))).isEmpty();
  }

  @Test
  @DisplayName("staleAgainst: in key order, whatever the insertion order")
  void stableOrder() {
    Map<ResourceKey, String> stale = inventory().staleAgainst(List.of());

    assertThat(stale.keySet()).containsExactly(CONFIG, NS, SERVICE, DEPLOY, ROLE);
    Map<ResourceKey, String> reversed = new LinkedHashMap<>();
    List.of(ROLE, DEPLOY, SERVICE, NS, CONFIG).forEach(k -> reversed.put(k, "v1"));
    assertThat(Inventory.of(reversed).staleAgainst(List.of()).keySet()).containsExactlyElementsOf(stale.keySet());
  }

  @Test
  @DisplayName("staleAgainst: keys differing only by namespace, group or kind are different objects")
  void identityIsFull() {
    Inventory inv = Inventory.of(Map.of(DEPLOY, "v1"));

    assertThat(inv.staleAgainst(List.of(DEPLOY.withNamespace("prod")))).containsOnlyKeys(DEPLOY);
    assertThat(inv.staleAgainst(List.of(new ResourceKey("extensions", "Deployment", "shop", "web"))))
        .containsOnlyKeys(DEPLOY);
    assertThat(inv.staleAgainst(List.of(new ResourceKey("apps", "StatefulSet", "shop", "web"))))
        .containsOnlyKeys(DEPLOY);
  }

  @Test
  @DisplayName("staleAgainst: accepts duplicates in the desired keys and leaves the inventory as it was")
  void duplicates() {
    Inventory inv = inventory();

    assertThat(inv.staleAgainst(List.of(DEPLOY, DEPLOY))).hasSize(4);
    assertThat(inv).isEqualTo(inventory());
  }

  @Test
  @DisplayName("plus: adds new entries and updates the API version of existing ones, in a new inventory")
  void plus() {
    Inventory before = Inventory.of(Map.of(DEPLOY, "v1", CONFIG, "v1"));
    ResourceKey hpa = new ResourceKey("autoscaling", "HorizontalPodAutoscaler", "shop", "web");

    Inventory after = before.plus(Map.of(hpa, "v2", CONFIG, "v2"));

    assertThat(after.entries()).containsOnly(entry(DEPLOY, "v1"), entry(CONFIG, "v2"), entry(hpa, "v2"));
    assertThat(before.entries()).containsOnly(entry(DEPLOY, "v1"), entry(CONFIG, "v1"));
    assertThat(before.plus(Map.of())).isEqualTo(before);
  }

  @Test
  @DisplayName("contains: true exactly for the keys in the inventory")
  void contains() {
    Inventory inv = inventory();

    assertThat(inv.contains(DEPLOY)).isTrue();
    assertThat(inv.contains(ROLE)).isTrue();
    assertThat(inv.contains(new ResourceKey("apps", "Deployment", "shop", "web"))).isTrue();
    assertThat(inv.contains(DEPLOY.withNamespace("other"))).isFalse();
    assertThat(Inventory.empty().contains(DEPLOY)).isFalse();
  }

  @Test
  @DisplayName("copies the given map: later changes to it do not show")
  void copiesInput() {
    Map<ResourceKey, String> source = new HashMap<>(Map.of(DEPLOY, "v1"));
    Inventory inv = Inventory.of(source);

    source.put(CONFIG, "v1");
    source.put(DEPLOY, "v2");

    assertThat(inv.entries()).containsOnly(entry(DEPLOY, "v1"));
  }

  @Test
  @DisplayName("is a value: equal entries in any order make equal inventories")
  void value() {
    Map<ResourceKey, String> a = new LinkedHashMap<>();
    a.put(DEPLOY, "v1");
    a.put(CONFIG, "v1");
    Map<ResourceKey, String> b = new LinkedHashMap<>();
    b.put(CONFIG, "v1");
    b.put(DEPLOY, "v1");

    assertThat(Inventory.of(a)).isEqualTo(new Inventory(b)).hasSameHashCodeAs(Inventory.of(b));
    assertThat(Inventory.empty()).isEqualTo(Inventory.of(Map.of()));
    assertThat(Inventory.empty().entries()).isEmpty();
  }
}
