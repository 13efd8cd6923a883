package dev.keelson.source;

import java.util.Map;
import java.util.Objects;

/**
 * A commit to write and push: files (paths from the repository's root, '/' separated) with
 * their new content on top of {@code baseCommit}, pushed to {@code branch}.
 *
 * @param expectedRemote the commit the remote branch must still be at for the push to land;
 *     null when the branch must not exist yet
 * @param force replace the branch even if the commit does not descend from it (a review
 *     branch that is always the checkout branch plus one commit)
 */
public record CommitRequest(String baseCommit, Map<String, byte[]> files, String message, String authorName,
    String authorEmail, String branch, String expectedRemote, boolean force) {
  public CommitRequest {
    Objects.requireNonNull(baseCommit, "baseCommit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(authorEmail, "authorEmail");
    files = Map.copyOf(files);
    message = message == null || message.isBlank() ? "Update images" : message;
    authorName = authorName == null || authorName.isBlank() ? authorEmail : authorName;
  }
}
