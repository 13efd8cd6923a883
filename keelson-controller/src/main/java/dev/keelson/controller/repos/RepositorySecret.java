package dev.keelson.controller.repos;

import java.util.Locale;
import java.util.Map;

/**
 * Credentials for repositories, from a Secret in the controller's namespace, in Argo CD's format:
 * a {@code repository} Secret is for one URL, a {@code repo-creds} Secret for every URL under a
 * prefix. Both are Git credentials ({@code username}/{@code password}, {@code sshPrivateKey}) or
 * a Helm repository's ({@code type: helm}).
 *
 * @param url the normalised URL or prefix
 * @param project the only project whose apps may use it, or null for every app
 * @param data the Secret's values, passed on to the Git or Helm client as an app's own secretRef's would be
 */
public record RepositorySecret(String secretName, Scope scope, String url, String project, Map<String, String> data) {

  /** The label value that says which. */
  public enum Scope {
    /** {@code repository}: one URL. */
    REPOSITORY,
    /** {@code repo-creds}: a URL prefix (a credential template). */
    REPO_CREDS
  }

  public RepositorySecret {
    data = Map.copyOf(data);
  }

  /** Whether an app of {@code appProject} may use it for {@code repoUrl} (normalised). */
  public boolean serves(String normalisedUrl, String appProject) {
    if (project != null && !project.equals(appProject)) return false;
    return scope == Scope.REPOSITORY ? url.equals(normalisedUrl) : normalisedUrl.startsWith(url);
  }

  /**
   * How URLs are compared, as Argo CD compares them: case-insensitively, without a trailing
   * slash or {@code .git}.
   */
  public static String normalise(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT);
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    if (u.endsWith(".git")) u = u.substring(0, u.length() - 4);
    return u;
  }
}
