package dev.keelson.core.plan.report;

import java.util.List;

/**
 * The plan of one Application at the planned revision.
 *
 * @param cluster the destination cluster as the app names it
 * @param commit the commit the app renders at, null when it could not be resolved
 * @param error why no plan could be made (render failure, refused dry-run rights), null otherwise
 * @param warnings notes that do not stop the plan (unreadable annotations)
 */
public record AppPlan(String namespace, String name, String cluster, String path, String commit,
    List<ObjectChange> changes, List<PlannedHook> hooks, List<Hold> holds, List<String> warnings, String error) {

  public AppPlan {
    changes = List.copyOf(changes);
    hooks = List.copyOf(hooks);
    holds = List.copyOf(holds);
    warnings = List.copyOf(warnings);
  }

  public static AppPlan failed(String namespace, String name, String cluster, String path, String error) {
    return new AppPlan(namespace, name, cluster, path, null, List.of(), List.of(), List.of(), List.of(), error);
  }

  public String id() {
    return namespace + "/" + name;
  }

  public boolean failed() {
    return error != null;
  }

  /** Whether a sync would change anything (hooks run only in a sync that has changes to make). */
  public boolean changed() {
    return !changes.isEmpty();
  }

  public long count(Class<? extends ObjectChange> type) {
    return changes.stream().filter(type::isInstance).count();
  }
}
