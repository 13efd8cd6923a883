package dev.keelson.controller.repos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepositorySecretsTest {
  static RepositorySecret secret(String name, RepositorySecret.Scope scope, String url, String project) {
    return new RepositorySecret(name, scope, RepositorySecret.normalise(url), project, Map.of("username", name));
  }

  final List<RepositorySecret> all = List.of(
      secret("org", RepositorySecret.Scope.REPO_CREDS, "https://github.com/acme", null),
      secret("team", RepositorySecret.Scope.REPO_CREDS, "https://github.com/acme/team-", null),
      secret("exact", RepositorySecret.Scope.REPOSITORY, "https://github.com/acme/apps.git", null),
      secret("scoped", RepositorySecret.Scope.REPOSITORY, "https://github.com/acme/private", "team-a"));

  static String user(java.util.Optional<Map<String, String>> d) {
    return d.map(m -> m.get("username")).orElse(null);
  }

  @Test
  void anExactRepositoryWinsOverTemplatesWhateverItsSpelling() {
    assertThat(user(RepositorySecrets.choose(all, "HTTPS://github.com/acme/apps/", "default"))).isEqualTo("exact");
  }

  @Test
  void theLongestMatchingPrefixWins() {
    assertThat(user(RepositorySecrets.choose(all, "https://github.com/acme/team-web", "default"))).isEqualTo("team");
    assertThat(user(RepositorySecrets.choose(all, "https://github.com/acme/other.git", "default"))).isEqualTo("org");
    assertThat(RepositorySecrets.choose(all, "https://gitlab.com/acme/x", "default")).isEmpty();
  }

  @Test
  void aProjectScopedSecretServesOnlyItsProject() {
    assertThat(user(RepositorySecrets.choose(all, "https://github.com/acme/private", "team-a"))).isEqualTo("scoped");
    assertThat(user(RepositorySecrets.choose(all, "https://github.com/acme/private", "team-b"))).isEqualTo("org");
  }
}
