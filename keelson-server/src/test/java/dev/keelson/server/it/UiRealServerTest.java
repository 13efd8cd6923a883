package dev.keelson.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.auth.AuthOptions;
import dev.keelson.auth.KeelsonAuth;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.server.KeelsonServer;
import dev.keelson.server.ServerOptions;
import dev.keelson.server.login.LoginRoutes;
import dev.keelson.ui.UiAssets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The built UI in a real headless Chromium against the real thing: a controller, the API server
 * with keelson-auth (local accounts, the initial admin, sessions by cookie with CSRF), the local
 * control plane and a Git repository. A user's walk through it, step by step, each step building
 * on the one before: log in, find an app, open its tree, sync it, see drift in the diff, sync
 * again, roll back, approve a gated app.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class UiRealServerTest {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonAuth auth;
  static KeelsonController controller;
  static KeelsonServer server;
  static Chromium browser;
  static GitFixture repo;
  static String controllerNs;
  static String ns;
  static String adminPassword;
  static String firstRevision;

  @BeforeAll
  static void start() throws Exception {
    assertThat(new UiAssets().present()).as("the UI bundle is built (run without -Dkeelson.skipWeb)").isTrue();
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
    controllerNs = cluster.createNamespace("uictl");
    ns = cluster.createNamespace("uiapps");

    repo = new GitFixture();
    repo.write("guestbook/app.yaml", guestbook("hello"));
    repo.write("gated/cm.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: gated
        data:
          greeting: approved
        """);
    firstRevision = repo.commit("guestbook and gated");

    auth = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(controllerNs));
    adminPassword = await().atMost(TIMEOUT).until(UiRealServerTest::initialAdminPassword, p -> p != null);
    controller = KeelsonController.start(client, ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withLeaseNamespace(null).withNamespaces(Set.of(ns)).withControllerNamespace(controllerNs));
    server = KeelsonServer.start(client,
        ServerOptions.defaults(Files.createTempDirectory("keelson-server-cache-")).withPort(0)
            .withControllerNamespace(controllerNs),
        auth.authenticator(), auth.authorizer(), List.of(new LoginRoutes(auth)));

    createApp("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: guestbook, namespace: %s}
        spec:
          interval: 1m
          source: {repoURL: %s, path: guestbook}
          destination: {namespace: %s}
        """.formatted(ns, repo.url(), ns));
    createApp("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: gated, namespace: %s}
        spec:
          interval: 1m
          source: {repoURL: %s, path: gated}
          destination: {namespace: %s}
          syncPolicy:
            automated: {prune: true}
            approval: {required: true}
        """.formatted(ns, repo.url(), ns));
    browser = new Chromium();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (server != null) server.close();
    if (controller != null) controller.close();
    if (auth != null) auth.close();
    if (repo != null) repo.close();
    if (client != null) client.close();
  }

  private static String guestbook(String greeting) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          greeting: %s
        """.formatted(greeting);
  }

  private static String initialAdminPassword() {
    Secret s = client.secrets().inNamespace(controllerNs).withName("keelson-initial-admin").get();
    if (s == null || s.getData() == null || s.getData().get("password") == null) return null;
    return new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8);
  }

  private static void createApp(String yaml) {
    client.resource(client.getKubernetesSerialization().unmarshal(yaml, Application.class)).create();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private static String detail(String app) {
    return "/applications/" + ns + "/" + app;
  }

  private static WebElement visible(By by) {
    return browser.await(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void awaitText(By by, String text) {
    browser.await(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private static WebElement button(String text) {
    return visible(By.xpath("//button[normalize-space()='" + text + "']"));
  }

  /** The detail page's badges, e.g. "Synced" and "Healthy" once the controller says so. */
  private static void awaitHeader(String... words) {
    browser.await(d -> {
      String head = d.findElement(By.cssSelector(".detail-head")).getText();
      for (String w : words) {
        if (!head.contains(w)) return false;
      }
      return true;
    });
  }

  private static void syncEverything() {
    button("Sync…").click();
    WebElement dialog = visible(By.cssSelector("[role=dialog]"));
    dialog.findElement(By.cssSelector("[data-testid=sync-submit]")).click();
    browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
    awaitText(By.cssSelector("[data-testid=notice]"), "Sync requested.");
  }

  private static String greeting(String configMap) {
    ConfigMap cm = client.configMaps().inNamespace(ns).withName(configMap).get();
    return cm == null || cm.getData() == null ? null : cm.getData().get("greeting");
  }

  private static void awaitGreeting(String configMap, String value) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> value.equals(greeting(configMap)));
  }

  @Test
  @Order(1)
  @DisplayName("without a session the list page is the login page (the anonymous list would answer, empty); "
      + "a wrong password is refused; admin's initial password logs in and returns to the page asked for")
  void logIn() throws Exception {
    browser.driver.get(url("/?search=guestbook"));
    browser.await(ExpectedConditions.urlToBe(url("/login?next=" + URLEncoder.encode("/?search=guestbook", StandardCharsets.UTF_8))));
    assertThat(browser.driver.findElements(By.cssSelector("[data-testid=app-row]"))).isEmpty();
    WebElement user = visible(By.name("username"));
    user.sendKeys("admin");
    WebElement password = browser.driver.findElement(By.name("password"));
    password.sendKeys("not-the-password", Keys.ENTER);
    awaitText(By.cssSelector("[role=alert]"), "invalid");
    browser.screenshot("real-login");

    password.clear();
    password.sendKeys(adminPassword, Keys.ENTER);
    browser.await(ExpectedConditions.urlToBe(url("/?search=guestbook")));
    browser.await(ExpectedConditions.textToBe(By.cssSelector("[data-testid=total]"), "1 application"));
    // the session is a cookie the page cannot read
    assertThat(browser.driver.manage().getCookieNamed("keelson.token").isHttpOnly()).isTrue();
  }

  @Test
  @Order(2)
  @DisplayName("the list finds the app; its page shows the tree of desired objects, not yet synced")
  void findTheAppAndOpenItsTree() {
    WebElement row = visible(By.cssSelector("[data-testid=app-row]"));
    assertThat(row.getText()).contains("guestbook", "OutOfSync");
    row.findElement(By.linkText("guestbook")).click();
    browser.await(ExpectedConditions.urlToBe(url(detail("guestbook"))));
    visible(By.cssSelector("[data-kind=Deployment]"));
    awaitHeader("OutOfSync");
    assertThat(browser.driver.findElement(By.cssSelector("[data-kind=ConfigMap]")).getAttribute("aria-label"))
        .isEqualTo("ConfigMap settings, health Missing, OutOfSync");
  }

  @Test
  @Order(3)
  @DisplayName("Sync in the dialog: the controller syncs, the page follows the stream to Synced and Healthy, "
      + "and the tree grows the ReplicaSet and Pod the Deployment owns")
  void sync() throws Exception {
    syncEverything();
    awaitHeader("Synced", "Healthy");
    visible(By.cssSelector("[data-kind=ReplicaSet]"));
    visible(By.cssSelector("[data-kind=Pod]"));
    assertThat(greeting("settings")).isEqualTo("hello");
    browser.screenshot("real-detail");
  }

  @Test
  @Order(4)
  @DisplayName("drift made through the API server shows in the tree and in the object's diff")
  void driftShowsInTheDiff() throws Exception {
    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("settings"), cm -> {
      cm.getData().put("greeting", "drifted");
      return cm;
    });
    // the controller notices (or at the latest on Refresh) and the stream brings it to the page
    button("Refresh").click();
    browser.await(d -> d.findElement(By.cssSelector("[data-kind=ConfigMap]")).getAttribute("aria-label").contains("OutOfSync"));
    awaitHeader("OutOfSync");

    browser.driver.findElement(By.cssSelector("[data-kind=ConfigMap]")).click();
    WebElement panel = visible(By.cssSelector("[data-testid=object-panel]"));
    browser.await(d -> !panel.findElements(By.cssSelector(".diff .del")).isEmpty());
    assertThat(panel.findElement(By.cssSelector(".diff .del")).getText()).contains("greeting: drifted");
    assertThat(panel.findElement(By.cssSelector(".diff .add")).getText()).contains("greeting: hello");
    browser.screenshot("real-diff");

    panel.findElement(By.id("obj-tab-live")).click();
    awaitText(By.cssSelector("[data-testid=object-panel] pre"), "greeting: drifted");
    panel.findElement(By.id("obj-tab-desired")).click();
    awaitText(By.cssSelector("[data-testid=object-panel] pre"), "greeting: hello");
  }

  @Test
  @Order(5)
  @DisplayName("a sync repairs the drift")
  void syncRepairsTheDrift() {
    syncEverything();
    awaitGreeting("settings", "hello");
    awaitHeader("Synced", "Healthy");
  }

  @Test
  @Order(7)
  @DisplayName("a new commit, refreshed and synced, then rolled back from the history tab: the old revision is live and pinned")
  void rollBack() throws Exception {
    repo.write("guestbook/app.yaml", guestbook("v2"));
    String second = repo.commit("v2");
    button("Refresh").click();
    awaitHeader("OutOfSync");
    syncEverything();
    awaitGreeting("settings", "v2");
    awaitHeader("Synced");

    browser.driver.findElement(By.id("app-tab-history")).click();
    WebElement history = visible(By.cssSelector("[data-testid=history]"));
    awaitText(By.cssSelector("[data-testid=history]"), second.substring(0, 10));
    assertThat(history.getText()).contains(firstRevision.substring(0, 10), "admin");
    // the oldest deployment of the first revision: the last row of that revision, newest first
    List<WebElement> back = browser.driver.findElements(By.xpath(
        "//*[@data-testid='history']//tr[td/code[text()='" + firstRevision.substring(0, 10) + "']]//button"));
    assertThat(back).isNotEmpty();
    back.get(back.size() - 1).click();
    WebElement confirm = visible(By.cssSelector("[role=dialog] button.primary"));
    browser.screenshot("real-rollback");
    confirm.click();

    awaitGreeting("settings", "hello");
    awaitText(By.cssSelector("main"), "Pinned to history entry");
    browser.screenshot("real-history");
  }

  @Test
  @Order(6)
  @DisplayName("an app gated by approval shows its plan; Approve applies it (before any other commit: an approval"
      + " names the revision planned, and a newer one would be planned anew)")
  void approve() throws Exception {
    browser.driver.get(url(detail("gated")));
    WebElement approval = visible(By.cssSelector("[data-testid=approval]"));
    awaitText(By.cssSelector("[data-testid=approval]"), "Create ConfigMap/" + ns + "/gated");
    assertThat(approval.getText()).contains(firstRevision.substring(0, 10));
    awaitText(By.cssSelector("[data-testid=waiting]"), "approval");
    assertThat(greeting("gated")).isNull();
    browser.screenshot("real-approval");

    approval.findElement(By.xpath(".//button[normalize-space()='Approve']")).click();
    awaitText(By.cssSelector("[data-testid=notice]"), "Approval requested.");
    awaitGreeting("gated", "approved");
    awaitHeader("Synced", "Healthy");
    browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid=approval]")));
    browser.driver.get(url(detail("guestbook")));
    visible(By.cssSelector("[data-kind=Deployment]"));
  }
}
