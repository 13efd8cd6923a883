package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** `keelson server` and `controller --with-server` as processes of their own, reached over HTTP. */
class ServerCliTest {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final Pattern URL = Pattern.compile("API: (http://127\\.0\\.0\\.1:\\d+)/api/v1");
  static TestCluster cluster;
  static KubernetesClient client;
  static String kubeconfig;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    CrdInstaller.install(client);
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close();
  }

  @Test
  @DisplayName("keelson server with its own accounts: UI at /, the API refuses anonymous requests, the initial admin logs in")
  void serverWithAccounts() throws Exception {
    if (client.namespaces().withName("keelson-system").get() == null) {
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName("keelson-system").endMetadata().build()).createOr(r -> r.update());
    }
    Process p = launch("server", "--port", "0", "--kubeconfig", kubeconfig,
        "--cache-dir", Files.createTempDirectory("keelson-server-cache-").toString());
    try {
      String base = awaitUrl(p);
      // anonymous requests get what policy.default grants: by default nothing, and no session
      HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(anonymous.body()).path("total").asInt()).isZero();
      HttpResponse<String> noSession = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(noSession.statusCode()).isEqualTo(401);
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/applications")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<html");
      var initial = client.secrets().inNamespace("keelson-system").withName("keelson-initial-admin").get();
      String password = new String(java.util.Base64.getDecoder().decode(initial.getData().get("password")),
          StandardCharsets.UTF_8);
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"nope\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      assertThat(login.headers().firstValue("Set-Cookie").orElse("")).contains("keelson.token=").contains("HttpOnly")
          .contains("SameSite=Strict");
      String token = new ObjectMapper().readTree(login.body()).path("token").asText();
      HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(session.body()).contains("\"subject\":\"admin\"").contains("csrfToken");
    } finally {
      stop(p);
    }
  }

  @Test
  @DisplayName("keelson server on a free port prints its URL and lists applications from the cluster")
  void serverListsApplications() throws Exception {
    String ns = cluster.createNamespace("cli-srv");
    createApp(ns, "listed");
    Process p = launch("server", "--port", "0", "--disable-auth", "--kubeconfig", kubeconfig,
        "--cache-dir", Files.createTempDirectory("keelson-server-cache-").toString());
    try {
      String base = awaitUrl(p);
      JsonNode list = getJson(base + "/api/v1/applications?namespace=" + ns);
      assertThat(list.path("items").get(0).path("name").asText()).isEqualTo("listed");
      assertThat(list.path("total").asInt()).isEqualTo(1);
      createApp(ns, "later");
      await().atMost(TIMEOUT).until(() -> getJson(base + "/api/v1/applications?namespace=" + ns).path("total").asInt() == 2);
    } finally {
      stop(p);
    }
  }

  @Test
  @DisplayName("controller --with-server reconciles and serves the API in one process")
  void controllerWithServer() throws Exception {
    String ns = cluster.createNamespace("cli-ctl");
    createApp(ns, "both");
    Process p = launch("controller", "--with-server", "--port", "0", "--disable-auth", "--metrics-port", "0",
        "--webhook-port", "0",
        "--no-leader-election", "--sealed-secrets=false", "-n", ns, "--kubeconfig", kubeconfig,
        "--cache-dir", Files.createTempDirectory("keelson-cache-").toString());
    try {
      String base = awaitUrl(p);
      // the app's repository does not exist: the controller reports it, the API shows the report
      await().atMost(TIMEOUT).until(() -> getJson(base + "/api/v1/applications/" + ns + "/both").path("status")
          .path("conditions").size() > 0);
    } finally {
      stop(p);
    }
  }

  private static void createApp(String ns, String name) {
    Application app = client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          source:
            repoURL: file:///nonexistent/keelson-test-repo
          destination:
            namespace: %s
        """.formatted(name, ns, ns), Application.class);
    client.resource(app).create();
  }

  private JsonNode getJson(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  private static Process launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KeelsonCli.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** The URL the process prints once it serves; its standard output is read on another thread. */
  private static String awaitUrl(Process p) throws Exception {
    CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          Matcher m = URL.matcher(line);
          if (m.find()) return m.group(1);
        }
        throw new IllegalStateException("the process ended without printing its URL (exit " + p.waitFor() + ")");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
  }
}
