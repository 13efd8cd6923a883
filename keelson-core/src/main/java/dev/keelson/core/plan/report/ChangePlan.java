package dev.keelson.core.plan.report;

import java.util.List;

/**
 * What merging a revision would do: one {@link AppPlan} per Application it concerns.
 *
 * @param repository the repository planned (a URL, or a local checkout's path)
 * @param revision the revision asked for and {@code commit} the commit it resolved to
 * @param base what the change was compared with to choose the apps; null with {@code --all}
 */
public record ChangePlan(String repository, String revision, String commit, String base, List<AppPlan> apps) {

  public ChangePlan {
    apps = List.copyOf(apps);
  }

  public boolean changes() {
    return apps.stream().anyMatch(AppPlan::changed);
  }

  public boolean failed() {
    return apps.stream().anyMatch(AppPlan::failed);
  }

  /** diff(1)'s convention: 0 nothing would change, 1 something would, 2 a plan could not be made. */
  public int exitStatus() {
    return failed() ? 2 : changes() ? 1 : 0;
  }
}
