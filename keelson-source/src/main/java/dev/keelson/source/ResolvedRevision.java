package dev.keelson.source;

/**
 * A revision resolved to a commit.
 *
 * @param commitSha full 40-hex commit id
 * @param ref what the revision matched: {@code refs/heads/main}, {@code refs/tags/v1.2.3}, or the
 *     commit id itself when a SHA was given
 */
public record ResolvedRevision(String commitSha, String ref) {}
