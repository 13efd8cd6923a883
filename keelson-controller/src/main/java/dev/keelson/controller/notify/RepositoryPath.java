package dev.keelson.controller.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The repository a commit status goes to, from the app's source URL: {@code owner/repo} for GitHub
 * and Gitea (the last two segments), the full project path for GitLab (groups nest).
 * Accepts https, ssh and scp-like ({@code git@host:owner/repo.git}) URLs.
 */
public final class RepositoryPath {
  private RepositoryPath() {}

  /** @throws IllegalArgumentException when the URL names no owner and repository */
  public static List<String> segments(String repoURL) {
    if (repoURL == null || repoURL.isBlank()) throw new IllegalArgumentException("the app has no source repository");
    String s = repoURL.strip();
    String path;
    if (s.contains("://")) {
      path = URI.create(s).getPath();
    } else if (s.indexOf(':') > 0) {
      path = s.substring(s.indexOf(':') + 1); // git@host:owner/repo
    } else {
      path = s;
    }
    if (path == null) path = "";
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    if (path.endsWith(".git")) path = path.substring(0, path.length() - 4);
    List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList());
    if (parts.size() < 2) {
      throw new IllegalArgumentException("source " + UrlText.safe(repoURL) + " names no owner/repository");
    }
    return List.copyOf(parts);
  }

  /** {@code owner/repo}: the last two segments. */
  public static String ownerRepo(String repoURL) {
    List<String> p = segments(repoURL);
    return p.get(p.size() - 2) + "/" + p.get(p.size() - 1);
  }

  /** Every segment: a GitLab project in nested groups. */
  public static String project(String repoURL) {
    return String.join("/", segments(repoURL));
  }
}
