package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.auth.account.AccountsCodec;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code keelson account} on a real API server's keelson-accounts Secret. */
class AccountCliTest {
  static TestCluster cluster;
  static KubernetesClient client;
  static String kubeconfig;

  @BeforeAll
  static void start() {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close();
  }

  static String tokens(String ns, String account) {
    Secret s = client.secrets().inNamespace(ns).withName(AccountsCodec.SECRET).get();
    return new String(Base64.getDecoder().decode(s.getData().get(AccountsCodec.tokensKey(account))), StandardCharsets.UTF_8);
  }

  static CliTest.Result withStdin(String input, String... args) {
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      return CliTest.run(args);
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void generateListRevoke() {
    String ns = cluster.createNamespace("accounts");
    CliTest.Result gen = CliTest.run("account", "generate-token", "--account", "ci", "--expires-in", "30d",
        "--control-kubeconfig", kubeconfig, "--controller-namespace", ns);
    assertThat(gen.code()).as(gen.err()).isZero();
    String token = gen.out().strip();
    assertThat(token).startsWith("kst_");
    String id = token.substring(4, token.indexOf('_', 4));
    assertThat(gen.err()).contains("token " + id + " for ci, expires ");
    assertThat(tokens(ns, "ci")).contains(id).doesNotContain(token);

    CliTest.Result list = CliTest.run("account", "list", "--control-kubeconfig", kubeconfig, "--controller-namespace", ns);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern("ci\\s+none\\s+" + id + "\\s+\\S+\\s+\\d{4}-").doesNotContain(token);

    CliTest.Result revoke = CliTest.run("account", "revoke-token", id, "--control-kubeconfig", kubeconfig, "--controller-namespace", ns);
    assertThat(revoke.code()).as(revoke.err()).isZero();
    assertThat(tokens(ns, "ci")).doesNotContain(id);
    assertThat(CliTest.run("account", "revoke-token", id, "--control-kubeconfig", kubeconfig, "--controller-namespace", ns).code())
        .isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void setPasswordStoresABcryptHash() {
    String ns = cluster.createNamespace("accounts");
    CliTest.Result r = withStdin("hunter22\n", "account", "set-password", "--account", "alice",
        "--control-kubeconfig", kubeconfig, "--controller-namespace", ns);
    assertThat(r.code()).as(r.err()).isZero();
    Secret s = client.secrets().inNamespace(ns).withName(AccountsCodec.SECRET).get();
    String hash = new String(Base64.getDecoder().decode(s.getData().get(AccountsCodec.passwordKey("alice"))), StandardCharsets.UTF_8);
    assertThat(OpenBSDBCrypt.checkPassword(hash, "hunter22".toCharArray())).isTrue();
  }

  @Test
  void badLifetimesAreRefused() {
    CliTest.Result r = CliTest.run("account", "generate-token", "--expires-in", "soon", "--control-kubeconfig", kubeconfig);
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("not a duration");
  }
}
