package dev.keelson.controller.repos;

import java.util.Map;
import java.util.Optional;

/**
 * The credentials an app without its own {@code source.secretRef} uses for a repository: a
 * {@code repository} Secret for that URL, else the {@code repo-creds} Secret with the longest
 * matching prefix, as Argo CD chooses.
 */
public interface RepositoryCredentials {
  /** @param project the app's project, which a project-scoped Secret must equal */
  Optional<Map<String, String>> forUrl(String repoUrl, String project);

  RepositoryCredentials NONE = (url, project) -> Optional.empty();
}
