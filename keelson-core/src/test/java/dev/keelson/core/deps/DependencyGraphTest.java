package dev.keelson.core.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  /** Edges written as "a->b,c; b->c"; nodes not on the left depend on nothing. */
  private static Function<String, Collection<String>> graph(String spec) {
    Map<String, List<String>> edges = new HashMap<>();
    for (String entry : spec.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("->");
      edges.put(parts[0].strip(), List.of(parts[1].strip().split("\\s*,\\s*")));
    }
    return node -> edges.getOrDefault(node, List.of());
  }

  private static Optional<List<String>> cycle(String start, String spec) {
    return DependencyGraph.findCycle(start, graph(spec));
  }

  @Test
  void noDependenciesNoCycle() {
    assertThat(cycle("a", "")).isEmpty();
  }

  @Test
  void chainAndDiamondHaveNoCycle() {
    assertThat(cycle("a", "a->b; b->c")).isEmpty();
    // d is reached twice, which is not a cycle.
    assertThat(cycle("a", "a->b,c; b->d; c->d")).isEmpty();
  }

  @Test
  void selfDependencyIsACycle() {
    assertThat(cycle("a", "a->a")).contains(List.of("a", "a"));
  }

  @Test
  void cycleThroughStartStartsAndEndsThere() {
    assertThat(cycle("a", "a->b; b->c; c->a")).contains(List.of("a", "b", "c", "a"));
    assertThat(cycle("b", "a->b; b->c; c->a")).contains(List.of("b", "c", "a", "b"));
  }

  @Test
  void twoAppsWaitingForEachOther() {
    assertThat(cycle("frontend", "frontend->backend; backend->frontend"))
        .contains(List.of("frontend", "backend", "frontend"));
  }

  @Test
  void shortestCycleThroughStartIsPreferred() {
    assertThat(cycle("a", "a->b,e; b->c; c->d; d->a; e->a")).contains(List.of("a", "e", "a"));
  }

  @Test
  void cycleThroughStartIsPreferredToOneMetEarlier() {
    // Depth-first from a would meet b<->c first; the cycle that involves a is the better report.
    assertThat(cycle("a", "a->b,d; b->c; c->b; d->a")).contains(List.of("a", "d", "a"));
  }

  @Test
  void cycleDownstreamOfStartIsReported() {
    // a is on no cycle, but waits for b, which can never become ready.
    assertThat(cycle("a", "a->b; b->c; c->b")).contains(List.of("b", "c", "b"));
    assertThat(cycle("a", "a->x; x->y; y->z; z->z")).contains(List.of("z", "z"));
  }

  @Test
  void unknownNodesAreLeaves() {
    // "missing" is not in the graph: edges() returns nothing for it.
    assertThat(cycle("a", "a->missing,b; b->c")).isEmpty();
    Function<String, Collection<String>> nullForUnknown = n -> n.equals("a") ? List.of("b") : null;
    assertThat(DependencyGraph.findCycle("a", nullForUnknown)).isEmpty();
  }

  @Test
  void nodesAreComparedByEquality() {
    record App(String namespace, String name) {}
    Map<App, List<App>> edges =
        Map.of(
            new App("shop", "web"), List.of(new App("shop", "db")),
            new App("shop", "db"), List.of(new App("shop", "web")));
    assertThat(DependencyGraph.findCycle(new App("shop", "web"), edges::get))
        .contains(List.of(new App("shop", "web"), new App("shop", "db"), new App("shop", "web")));
  }

  @Test
  void eachNodeIsExpandedAFewTimesAtMost() {
    // A ladder where every node points to both nodes of the next rung: exponential paths,
    // but the searches must stay linear.
    Map<String, List<String>> edges = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      List<String> next = List.of("l" + (i + 1), "r" + (i + 1));
      edges.put("l" + i, next);
      edges.put("r" + i, next);
    }
    AtomicInteger calls = new AtomicInteger();
    Function<String, Collection<String>> counting =
        n -> {
          calls.incrementAndGet();
          return edges.getOrDefault(n, List.of());
        };
    assertThat(DependencyGraph.findCycle("l0", counting)).isEmpty();
    assertThat(calls.get()).isLessThanOrEqualTo(2 * 402);
  }

  @Test
  void longChainsDoNotOverflowTheStack() {
    int length = 200_000;
    Function<Integer, Collection<Integer>> chain =
        n -> n < length ? List.of(n + 1) : List.of();
    assertThat(DependencyGraph.findCycle(0, chain)).isEmpty();

    Function<Integer, Collection<Integer>> ring =
        n -> List.of(n < length ? n + 1 : 1);
    List<Integer> found = DependencyGraph.findCycle(0, ring).orElseThrow();
    assertThat(found).hasSize(length + 1);
    assertThat(found.get(0)).isEqualTo(1);
    assertThat(found.get(found.size() - 1)).isEqualTo(1);
  }

  @Test
  void resultPathFollowsEdges() {
    Function<String, Collection<String>> g = graph("a->b,c; b->d; c->d; d->e; e->c,f");
    List<String> found = DependencyGraph.findCycle("a", g).orElseThrow();
    assertThat(found.get(0)).isEqualTo(found.get(found.size() - 1));
    List<String> steps = new ArrayList<>(found);
    for (int i = 0; i + 1 < steps.size(); i++) {
      assertThat(g.apply(steps.get(i))).contains(steps.get(i + 1));
    }
    assertThat(found).containsExactly("d", "e", "c", "d");
  }
}
