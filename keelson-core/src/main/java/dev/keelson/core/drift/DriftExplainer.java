package dev.keelson.core.drift;

import dev.keelson.core.diff.DiffNormalizer;
import dev.keelson.core.diff.FieldOwners;
import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains drift from {@code managedFields}: for each field in which the live object differs from
 * the server's dry-run of the desired one, the manager that owns the live value, with its
 * operation and time, and what kind of manager it is. A field no other manager owns (removed, or
 * changed by a write that took no ownership) is reported as unattributed.
 */
public final class DriftExplainer {
  private DriftExplainer() {}

  /**
   * @param live the live object, with its managedFields
   * @param predicted what applying the desired object would make of it (dry-run)
   */
  public static ObjectDrift explain(ResourceKey key, Map<String, Object> live, Map<String, Object> predicted) {
    List<FieldOwners.Entry> owners = FieldOwners.of(live);
    boolean secret = key.group().isEmpty() && key.kind().equals("Secret");
    List<FieldDrift> out = new ArrayList<>();
    for (Differences.Difference d : Differences.between(live, predicted)) {
      Optional<FieldOwners.Entry> owner = ownerOf(d.path(), owners);
      boolean masked = secret && !d.path().isEmpty() && (d.path().get(0).equals("data") || d.path().get(0).equals("stringData"));
      Object liveValue = masked && d.live() != null ? DiffNormalizer.MASK : d.live();
      Object desiredValue = masked && d.desired() != null ? DiffNormalizer.MASK + (d.live() == null ? "" : " (changed)")
          : d.desired();
      String manager = owner.map(FieldOwners.Entry::manager).orElse("");
      Classification c = owner.isPresent() ? Classification.of(manager) : Classification.Unattributed;
      out.add(new FieldDrift(dotted(d.path()), pointer(d.path()), liveValue, desiredValue, manager,
          owner.map(FieldOwners.Entry::operation).orElse(""), owner.map(e -> e.time() == null ? "" : e.time()).orElse(""),
          c));
    }
    return new ObjectDrift(key, out);
  }

  /**
   * The entry of another manager than Keelson owning the path (or a field above or below it), the
   * latest if several. None when only Keelson owns it, or nobody does: guessing from other writers
   * would blame whoever wrote last (on a 1.20 API server, kube-controller-manager's status writes
   * look like writes of the object), so the field is reported as unattributed instead.
   */
  private static Optional<FieldOwners.Entry> ownerOf(List<Object> path, List<FieldOwners.Entry> owners) {
    Comparator<FieldOwners.Entry> latest = Comparator.comparing(e -> e.time() == null ? "" : e.time());
    return owners.stream().filter(e -> !e.manager().equals(Classification.SELF))
        .filter(e -> e.paths().stream().anyMatch(p -> related(p, path))).max(latest);
  }

  private static boolean related(List<Object> owned, List<Object> path) {
    int n = Math.min(owned.size(), path.size());
    for (int i = 0; i < n; i++) {
      if (!String.valueOf(owned.get(i)).equals(String.valueOf(path.get(i)))) return false;
    }
    return true;
  }

  static String dotted(List<Object> path) {
    StringBuilder s = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        s.append('[').append(i).append(']');
      } else {
        String k = String.valueOf(step);
        boolean plain = k.matches("[A-Za-z0-9_-]+");
        if (plain) {
          if (s.length() > 0) s.append('.');
          s.append(k);
        } else {
          s.append("[\"").append(k).append("\"]");
        }
      }
    }
    return s.toString();
  }

  static String pointer(List<Object> path) {
    StringBuilder s = new StringBuilder();
    for (Object step : path) s.append('/').append(String.valueOf(step).replace("~", "~0").replace("/", "~1"));
    return s.toString();
  }
}
