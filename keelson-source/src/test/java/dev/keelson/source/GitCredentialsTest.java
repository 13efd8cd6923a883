package dev.keelson.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {

  private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsecretkeymaterial\n-----END OPENSSH PRIVATE KEY-----\n";

  @Test
  void mapsArgoStyleSecrets() {
    assertThat(GitCredentials.fromSecretData(Map.of("username", "bob", "password", "hunter22\n")))
        .isEqualTo(new GitCredentials.Basic("bob", "hunter22"));
    assertThat(GitCredentials.fromSecretData(Map.of("sshPrivateKey", KEY)))
        .isEqualTo(new GitCredentials.SshKey(KEY, "", null));
  }

  @Test
  void mapsFluxStyleSecrets() {
    assertThat(GitCredentials.fromSecretData(Map.of("identity", KEY, "known_hosts", "github.com ssh-ed25519 AAAA")))
        .isEqualTo(new GitCredentials.SshKey(KEY, "github.com ssh-ed25519 AAAA", null));
    assertThat(GitCredentials.fromSecretData(Map.of("identity", KEY, "knownHosts", "h k", "password", "pp")))
        .isEqualTo(new GitCredentials.SshKey(KEY, "h k", "pp"));
    assertThat(GitCredentials.fromSecretData(Map.of("bearerToken", "tok")))
        .isEqualTo(new GitCredentials.Token("tok"));
  }

  @Test
  void tokenUsesGivenUsernameOrDefault() {
    GitCredentials.Token withUser =
        (GitCredentials.Token) GitCredentials.fromSecretData(Map.of("token", "tok", "username", "oauth2"));
    assertThat(withUser.effectiveUsername()).isEqualTo("oauth2");
    assertThat(new GitCredentials.Token("tok").effectiveUsername()).isEqualTo("x-access-token");
    // A lone password is how access tokens are usually pasted.
    assertThat(GitCredentials.fromSecretData(Map.of("password", "ghp_x")))
        .isEqualTo(new GitCredentials.Token("ghp_x"));
  }

  @Test
  void emptyOrMissingDataMeansAnonymous() {
    assertThat(GitCredentials.fromSecretData(null)).isEqualTo(GitCredentials.NONE);
    assertThat(GitCredentials.fromSecretData(Map.of())).isEqualTo(GitCredentials.NONE);
    assertThat(GitCredentials.fromSecretData(Map.of("username", "bob", "token", " "))).isEqualTo(GitCredentials.NONE);
  }

  @Test
  void toStringNeverShowsSecrets() {
    assertThat(new GitCredentials.Basic("bob", "hunter22").toString()).contains("bob").doesNotContain("hunter22");
    assertThat(new GitCredentials.Token("tok-123").toString()).doesNotContain("tok-123");
    assertThat(new GitCredentials.SshKey(KEY, "h k", "phrase-1").toString())
        .doesNotContain("secretkeymaterial")
        .doesNotContain("phrase-1");
  }
}
