package dev.keelson.controller.app;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.project.DestinationCluster;
import dev.keelson.core.project.ProjectCheck;
import dev.keelson.core.project.ProjectId;
import dev.keelson.core.project.ProjectRules;
import dev.keelson.core.project.Violation;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The resolved project of an app on its destination: what the engine checks every object it would
 * write against, hooks included, before anything is applied.
 *
 * @param childProject the project an Application created in a namespace would follow
 */
public record ProjectScope(ProjectRules rules, DestinationCluster cluster,
    BiFunction<String, String, Optional<ProjectId>> childProject) {

  /** The implicit default project: nothing is refused. */
  public static final ProjectScope ALLOW_ALL =
      new ProjectScope(ProjectRules.ALLOW_ALL, DestinationCluster.IN_CLUSTER, (ns, name) -> Optional.empty());

  public List<Violation> check(List<Manifest> objects) {
    return ProjectCheck.objects(rules, cluster, objects, childProject);
  }
}
