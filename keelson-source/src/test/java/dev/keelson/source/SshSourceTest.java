package dev.keelson.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches over a real Apache MINA SSH git server on loopback. */
class SshSourceTest {

  @TempDir Path tmp;

  private TestRepos.Fixture origin;
  private SshTestGitServer server;
  private KeyPair clientKey;
  private KeyPair hostKey;
  private int port;
  private String url;
  private GitSourceCache cache;

  @BeforeEach
  void setUp() throws Exception {
    origin = TestRepos.standard(tmp.resolve("origin"));
    clientKey = newKeyPair();
    hostKey = newKeyPair();
    server = new LoopbackServer("git", clientKey, origin.git().getRepository(), hostKey);
    port = server.start();
    url = "ssh://git@127.0.0.1:" + port + "/org/app.git";
    cache = new GitSourceCache(tmp.resolve("cache"));
  }

  @AfterEach
  void tearDown() throws Exception {
    cache.close();
    server.stop();
    origin.close();
  }

  @Test
  void clonesWithKeyCheckedAgainstKnownHosts() throws Exception {
    GitCredentials.SshKey creds = new GitCredentials.SshKey(openSshPem(clientKey, null), knownHosts(hostKey), null);

    assertThat(cache.fetch(url, creds, Duration.ZERO, false).fetched()).isTrue();

    assertThat(cache.resolve(url, "")).isEqualTo(new ResolvedRevision(origin.c4(), "refs/heads/main"));
    assertThat(cache.resolve(url, ">=1.2.0 <2.0.0").commitSha()).isEqualTo(origin.c3());
    assertThat(cache.read(url, origin.c1(), "apps/web").files()).containsKey("config/nested/deeper.txt");

    // A second fetch reuses the session setup and sees new commits.
    String next = TestRepos.commit(origin.git(), "next", Map.of("n.txt", "n")).name();
    assertThat(cache.fetch(url, creds, Duration.ZERO, false).fetched()).isTrue();
    assertThat(cache.resolve(url, "main").commitSha()).isEqualTo(next);
    assertThat(cache.fetchCount(url)).isEqualTo(2);
  }

  @Test
  void pushesOverTheSameKeyAndHostCheck() throws Exception {
    GitCredentials.SshKey creds = new GitCredentials.SshKey(openSshPem(clientKey, null), knownHosts(hostKey), null);
    cache.fetch(url, creds, Duration.ZERO, false);
    String base = cache.resolve(url, "main").commitSha();
    PushOutcome out = cache.commitAndPush(url, creds, new CommitRequest(base,
        Map.of("apps/web/deployment.yaml", "kind: Deployment\n# pushed over ssh\n".getBytes(StandardCharsets.UTF_8)),
        "over ssh", "Bot", "bot@keelson.dev", "images", null, true));
    Repository repo = origin.git().getRepository();
    assertThat(repo.resolve("refs/heads/images").name()).isEqualTo(out.commitSha());
    cache.fetch(url, creds, Duration.ZERO, true);
    assertThat(new String(cache.read(url, out.commitSha(), "apps/web").files().get("deployment.yaml"), StandardCharsets.UTF_8))
        .isEqualTo("kind: Deployment\n# pushed over ssh\n");

    // an unknown host key refuses the push as it refuses fetches
    GitCredentials.SshKey stranger = new GitCredentials.SshKey(openSshPem(clientKey, null), knownHosts(newKeyPair()), null);
    assertThatThrownBy(() -> cache.commitAndPush(url, stranger, new CommitRequest(base, Map.of("x", "1".getBytes()),
        "x", null, "bot@keelson.dev", "images", out.commitSha(), true)))
        .isInstanceOf(PushRefusedException.class);
  }

  @Test
  void acceptsFluxStyleSecretWithEncryptedKey() throws Exception {
    GitCredentials creds =
        GitCredentials.fromSecretData(
            Map.of(
                "identity", openSshPem(clientKey, "key-passphrase"),
                "known_hosts", knownHosts(hostKey),
                "password", "key-passphrase"));
    assertThat(creds).isInstanceOf(GitCredentials.SshKey.class);

    cache.fetch(url, creds, Duration.ZERO, false);

    assertThat(cache.resolve(url, "feature").commitSha()).isEqualTo(origin.feature());
  }

  @Test
  void unknownOrChangedHostKeyIsRejected() throws Exception {
    String pem = openSshPem(clientKey, null);
    GitCredentials.SshKey otherHostKey = new GitCredentials.SshKey(pem, knownHosts(newKeyPair()), null);
    assertThatThrownBy(() -> cache.fetch(url, otherHostKey, Duration.ZERO, false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("fetch of ssh://127.0.0.1:" + port + "/org/app.git failed")
        .hasMessageNotContaining(pem.lines().skip(1).findFirst().orElseThrow());

    GitCredentials.SshKey noKnownHosts = new GitCredentials.SshKey(pem, "", null);
    assertThatThrownBy(() -> cache.fetch(url, noKnownHosts, Duration.ZERO, true))
        .isInstanceOf(SourceException.class);

    // A known_hosts entry for another port does not vouch for this one.
    String otherPort = "[127.0.0.1]:" + (port + 1) + " " + PublicKeyEntry.toString(hostKey.getPublic());
    GitCredentials.SshKey wrongPort = new GitCredentials.SshKey(pem, otherPort, null);
    assertThatThrownBy(() -> cache.fetch(url, wrongPort, Duration.ZERO, true))
        .isInstanceOf(SourceException.class);

    assertThatThrownBy(() -> cache.resolve(url, "main"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("has not been fetched yet");
  }

  @Test
  void unauthorizedClientKeyIsRejected() throws Exception {
    GitCredentials.SshKey stranger =
        new GitCredentials.SshKey(openSshPem(newKeyPair(), null), knownHosts(hostKey), null);
    assertThatThrownBy(() -> cache.fetch(url, stranger, Duration.ZERO, false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("failed");
  }

  private String knownHosts(KeyPair host) {
    return "# test server\n[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(host.getPublic()) + "\n";
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** The private key in OpenSSH format, optionally encrypted (as ssh-keygen writes it). */
  private static String openSshPem(KeyPair pair, String passphrase)
      throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setPassword(passphrase);
      encryption.setCipherName(OpenSSHKeyEncryptionContext.AES);
      encryption.setCipherType("256");
      encryption.setCipherMode("CTR");
      // Few bcrypt rounds keep the test fast; the format is what matters here.
      encryption.setKdfRounds(2);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "keelson-test", encryption, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** The JGit test server, bound to loopback only. */
  private static final class LoopbackServer extends SshTestGitServer {
    LoopbackServer(String user, KeyPair userKey, Repository repository, KeyPair hostKey) {
      super(user, userKey.getPublic(), repository, hostKey);
      server.setHost("127.0.0.1");
    }
  }
}
