package dev.keelson.server.it;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.server.KeelsonServer;
import dev.keelson.server.ServerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The real control plane of the JVM and one API server per test class, on a free port, with
 * {@link TestAuth}. Tests isolate themselves by namespace and filter lists by it.
 */
abstract class ServerTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonServer server;
  static Api api;

  @BeforeAll
  static void startServer() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
    server = KeelsonServer.start(client,
        ServerOptions.defaults(Files.createTempDirectory("keelson-server-cache-")).withPort(0),
        TestAuth.AUTHENTICATOR, TestAuth.AUTHORIZER, List.of());
    api = new Api(server.port());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
    if (client != null) client.close();
  }

  static Application createApp(String yaml) {
    Application app = client.getKubernetesSerialization().unmarshal(yaml, Application.class);
    return client.resource(app).create();
  }
}
