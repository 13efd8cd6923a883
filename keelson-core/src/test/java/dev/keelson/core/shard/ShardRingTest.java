package dev.keelson.core.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardRingTest {
  private static List<String> apps(int n) {
    return IntStream.range(0, n).mapToObj(i -> "team-" + (i % 7) + "/app-" + i).toList();
  }

  private static Map<String, Integer> loads(Map<String, String> owners) {
    Map<String, Integer> load = new HashMap<>();
    owners.values().forEach(m -> load.merge(m, 1, Integer::sum));
    return load;
  }

  @Test
  void everyKeyHasOneOwnerAndNoMemberExceedsTheBound() {
    ShardRing ring = new ShardRing(List.of("a", "b", "c"), ShardRing.DEFAULT_LOAD_FACTOR);
    Map<String, String> owners = ring.assign(apps(5000));
    assertThat(owners).hasSize(5000);
    assertThat(owners.values()).allMatch(List.of("a", "b", "c")::contains);
    Map<String, Integer> load = loads(owners);
    assertThat(load).hasSize(3);
    assertThat(load.values()).allMatch(l -> l <= ring.capacity(5000));
    assertThat(ring.capacity(5000)).isEqualTo(2084);
    // bounded above by the factor, and in practice not starved either
    assertThat(load.values()).allMatch(l -> l >= 5000 / 3 / 2);
  }

  @Test
  void theSameSetsGiveTheSameAssignmentWhateverTheirOrder() {
    List<String> keys = new ArrayList<>(apps(1000));
    Map<String, String> first = new ShardRing(List.of("a", "b", "c"), 1.25).assign(keys);
    Collections.shuffle(keys, new java.util.Random(7));
    Map<String, String> second = new ShardRing(List.of("c", "a", "b"), 1.25).assign(keys);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aJoiningMemberTakesItsShareAndLittleElseMoves() {
    List<String> keys = apps(3000);
    Map<String, String> before = new ShardRing(List.of("a", "b", "c"), 1.25).assign(keys);
    Map<String, String> after = new ShardRing(List.of("a", "b", "c", "d"), 1.25).assign(keys);
    long toNew = keys.stream().filter(k -> after.get(k).equals("d")).count();
    long between = keys.stream().filter(k -> !after.get(k).equals("d") && !after.get(k).equals(before.get(k))).count();
    assertThat(toNew).isBetween(3000L / 4 / 2, (long) Math.ceil(1.25 * 3000 / 4));
    // the bound makes some keys shift between the old members; far fewer than the new member's share
    assertThat(between).isLessThan(toNew / 2);
  }

  @Test
  void aLeavingMemberGivesUpItsShareOnly() {
    List<String> keys = apps(3000);
    Map<String, String> before = new ShardRing(List.of("a", "b", "c"), 1.25).assign(keys);
    Map<String, String> after = new ShardRing(List.of("a", "b"), 1.25).assign(keys);
    long ofLeaver = keys.stream().filter(k -> before.get(k).equals("c")).count();
    long moved = keys.stream().filter(k -> !after.get(k).equals(before.get(k))).count();
    assertThat(after.values()).doesNotContain("c");
    assertThat(moved).isGreaterThanOrEqualTo(ofLeaver).isLessThan(ofLeaver + ofLeaver / 2);
  }

  @Test
  void noMembersNoOwners() {
    assertThat(new ShardRing(List.of(), 1.25).assign(apps(3))).isEmpty();
    assertThatThrownBy(() -> new ShardRing(List.of("a"), 0.9)).hasMessageContaining("load factor");
  }

  @Test
  void verdicts() {
    assertThat(ShardVerdict.of("a", "a", "a", true)).isEqualTo(ShardVerdict.RECONCILE);
    assertThat(ShardVerdict.of("a", "b", "a", true)).isEqualTo(ShardVerdict.RELEASE);
    assertThat(ShardVerdict.of("a", "a", null, false)).isEqualTo(ShardVerdict.CLAIM);
    assertThat(ShardVerdict.of("a", "a", "", false)).isEqualTo(ShardVerdict.CLAIM);
    assertThat(ShardVerdict.of("a", "a", "b", false)).isEqualTo(ShardVerdict.CLAIM);
    assertThat(ShardVerdict.of("a", "a", "b", true)).isEqualTo(ShardVerdict.WAIT);
    assertThat(ShardVerdict.of("a", "b", "b", true)).isEqualTo(ShardVerdict.IGNORE);
    assertThat(ShardVerdict.of("a", "b", null, false)).isEqualTo(ShardVerdict.IGNORE);
    assertThat(ShardVerdict.of("a", null, null, false)).isEqualTo(ShardVerdict.IGNORE);
  }
}
