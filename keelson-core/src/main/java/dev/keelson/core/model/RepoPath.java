package dev.keelson.core.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Paths a source names relative to one of its directories (a kustomization's bases, a chart's
 * value files), resolved within the repository. A revision must render from the commit alone, so
 * a path that climbs above the repository's root is never followed.
 */
public final class RepoPath {
  private RepoPath() {}

  /**
   * @param dir the directory the reference is relative to, from the repository root ("" for it)
   * @param ref a relative path, {@code /}-separated
   * @return the path from the repository root, normalised (no {@code .}, {@code ..} or empty
   *     segments); empty when it leaves the repository
   */
  public static Optional<String> resolve(String dir, String ref) {
    Deque<String> segments = new ArrayDeque<>();
    String joined = dir.isEmpty() ? ref : dir + "/" + ref;
    for (String segment : joined.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) return Optional.empty();
        segments.removeLast();
      } else {
        segments.addLast(segment);
      }
    }
    return Optional.of(String.join("/", segments));
  }

  /** Whether a path is absolute on any system a repository may have been written on. */
  public static boolean isAbsolute(String ref) {
    return ref.startsWith("/") || ref.startsWith("~") || ref.matches("^[A-Za-z]:[\\\\/].*");
  }
}
