package dev.keelson.controller.plan;

import java.nio.file.Path;

/**
 * What to plan.
 *
 * @param revision the revision of the change (branch, tag, commit)
 * @param base what it is compared with to choose the apps; null: each app's own target revision
 */
public record PlanRequest(Repository repository, String revision, String base, Selection selection) {

  /** Where the change is read from. */
  public sealed interface Repository {
    /** A checkout on this machine: commits that exist only here (a pull request's head) can be planned. */
    record Local(Path dir) implements Repository {}

    /** A remote repository, fetched into the cache with the credentials the apps use. */
    record Remote(String url) implements Repository {}
  }

  /** Which of the repository's apps are planned. */
  public sealed interface Selection {
    /** Those whose files the change touches. */
    record Touched() implements Selection {}

    /** All of them. */
    record All() implements Selection {}

    /** One app, touched or not. */
    record One(String namespace, String name) implements Selection {}
  }
}
