package dev.keelson.source;

import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Keeps a clone's HEAD on the remote's default branch: what revision {@code HEAD} means. */
final class RemoteHead {
  private RemoteHead() {}

  /**
   * Points the clone's HEAD at the remote's default branch, which can change on the remote
   * (master to main) and is what an empty revision means. Servers that do not advertise the
   * symbolic HEAD get the branch at the same commit, preferring main and master.
   */
  static void follow(Repository repo, Ref advertised) throws IOException {
    if (advertised == null || advertised.getObjectId() == null) {
      return;
    }
    String target =
        advertised.isSymbolic()
            ? advertised.getTarget().getName()
            : branchAt(repo, advertised.getObjectId());
    if (target != null && repo.exactRef(target) != null) {
      Ref current = repo.exactRef(Constants.HEAD);
      if (current == null || !current.isSymbolic() || !current.getTarget().getName().equals(target)) {
        repo.updateRef(Constants.HEAD).link(target);
      }
    } else {
      // Detached: updating a symbolic HEAD without detaching would move the branch it names.
      RefUpdate update = repo.updateRef(Constants.HEAD, true);
      update.setNewObjectId(advertised.getObjectId());
      update.forceUpdate();
    }
  }

  private static String branchAt(Repository repo, ObjectId id) throws IOException {
    for (String preferred : List.of(Constants.R_HEADS + "main", Constants.R_HEADS + Constants.MASTER)) {
      Ref ref = repo.exactRef(preferred);
      if (ref != null && id.equals(ref.getObjectId())) {
        return preferred;
      }
    }
    return repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
        .filter(r -> id.equals(r.getObjectId()))
        .map(Ref::getName)
        .sorted()
        .findFirst()
        .orElse(null);
  }

}
