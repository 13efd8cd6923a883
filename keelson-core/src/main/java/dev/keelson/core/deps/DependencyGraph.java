package dev.keelson.core.deps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Cycles among dependencies (Applications waiting for each other). An app on a cycle, or one that
 * waits for an app on a cycle, can never become ready, so it should say so instead of waiting
 * forever.
 *
 * <p>Both searches are iterative: a long chain of dependencies must not overflow the stack.
 */
public final class DependencyGraph {
  private DependencyGraph() {}

  /**
   * A cycle reachable from {@code start}, as a path that begins and ends with the same node, e.g.
   * {@code [a, b, c, a]}, or {@code [a, a]} for a node that depends on itself.
   *
   * <p>When {@code start} is on a cycle, the shortest such cycle is returned, starting at {@code
   * start}. Otherwise, any cycle that {@code start} reaches is returned (starting at the first of
   * its nodes found), since {@code start} waits on it all the same.
   *
   * @param edges the nodes a node depends on; an empty collection (or null) for nodes that are
   *     unknown or depend on nothing. Nodes are compared with {@code equals}.
   */
  public static <N> Optional<List<N>> findCycle(N start, Function<N, Collection<N>> edges) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(edges, "edges");
    Optional<List<N>> throughStart = shortestCycleThrough(start, edges);
    return throughStart.isPresent() ? throughStart : anyCycleFrom(start, edges);
  }

  /** Breadth-first from start's dependencies back to start: the shortest way round. */
  private static <N> Optional<List<N>> shortestCycleThrough(
      N start, Function<N, Collection<N>> edges) {
    Map<N, N> parent = new HashMap<>();
    Deque<N> queue = new ArrayDeque<>();
    Set<N> seen = new HashSet<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      N node = queue.poll();
      for (N next : successors(node, edges)) {
        if (next.equals(start)) {
          return Optional.of(pathBack(start, node, parent));
        }
        if (seen.add(next)) {
          parent.put(next, node);
          queue.add(next);
        }
      }
    }
    return Optional.empty();
  }

  /** start, the nodes that led from start to last, last, and start again. */
  private static <N> List<N> pathBack(N start, N last, Map<N, N> parent) {
    List<N> backwards = new ArrayList<>();
    for (N n = last; !n.equals(start); n = parent.get(n)) {
      backwards.add(n);
    }
    List<N> cycle = new ArrayList<>(backwards.size() + 2);
    cycle.add(start);
    for (int i = backwards.size() - 1; i >= 0; i--) {
      cycle.add(backwards.get(i));
    }
    cycle.add(start);
    return List.copyOf(cycle);
  }

  /**
   * Depth-first with the current path kept in order: meeting a node already on the path closes a
   * cycle. Nodes fully explored are never entered again, so each edge is followed once.
   */
  private static <N> Optional<List<N>> anyCycleFrom(N start, Function<N, Collection<N>> edges) {
    LinkedHashSet<N> onPath = new LinkedHashSet<>();
    Set<N> done = new HashSet<>();
    Deque<Iterator<N>> pending = new ArrayDeque<>();
    Deque<N> path = new ArrayDeque<>();
    onPath.add(start);
    path.push(start);
    pending.push(successors(start, edges).iterator());
    while (!pending.isEmpty()) {
      Iterator<N> it = pending.peek();
      if (!it.hasNext()) {
        pending.pop();
        N finished = path.pop();
        onPath.remove(finished);
        done.add(finished);
        continue;
      }
      N next = it.next();
      if (onPath.contains(next)) {
        return Optional.of(cycleEndingAt(onPath, next));
      }
      if (done.contains(next)) {
        continue;
      }
      onPath.add(next);
      path.push(next);
      pending.push(successors(next, edges).iterator());
    }
    return Optional.empty();
  }

  /** The part of the path from {@code repeated} onwards, closed by {@code repeated} again. */
  private static <N> List<N> cycleEndingAt(LinkedHashSet<N> onPath, N repeated) {
    List<N> cycle = new ArrayList<>();
    boolean inCycle = false;
    for (N n : onPath) {
      inCycle = inCycle || n.equals(repeated);
      if (inCycle) {
        cycle.add(n);
      }
    }
    cycle.add(repeated);
    return List.copyOf(cycle);
  }

  private static <N> List<N> successors(N node, Function<N, Collection<N>> edges) {
    Collection<N> next = edges.apply(node);
    if (next == null) {
      return List.of();
    }
    List<N> out = new ArrayList<>(next.size());
    for (N n : next) {
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }
}
