package dev.keelson.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.ui.UiAssets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The built UI in a real headless Chromium against the canned API. */
class UiEndToEndTest {
  static final int APPS = 10_000;
  static FakeKeelsonServer server;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    assertThat(new UiAssets().present()).as("the bundle is built (run without -Dkeelson.skipWeb)").isTrue();
    server = new FakeKeelsonServer(APPS);
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (server != null) server.close();
  }

  @BeforeEach
  void reset() {
    server.requireLogin = false;
    server.requireSession = false;
    server.actions.clear();
    browser.driver.get(server.url("/login"));
    browser.driver.manage().deleteAllCookies();
    js("localStorage.clear(); sessionStorage.clear();");
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser.driver).executeScript(script, args);
  }

  private void open(String path) {
    browser.driver.get(server.url(path));
  }

  private WebElement visible(By by) {
    return browser.await(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void awaitText(By by, String text) {
    browser.await(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** The whole text, not a part: "6000 of 10000 applications" is still loading. */
  private void awaitTotal(String text) {
    browser.await(ExpectedConditions.textToBe(By.cssSelector("[data-testid=total]"), text));
  }

  private List<WebElement> rows() {
    return browser.driver.findElements(By.cssSelector("[data-testid=app-row]"));
  }

  @Test
  void theListHoldsTenThousandAppsButRendersOnlyAWindowOfThem() throws Exception {
    open("/");
    awaitTotal(APPS + " applications");
    assertThat(rows()).hasSizeBetween(10, 60);
    assertThat(browser.driver.findElement(By.cssSelector("[role=table]")).getAttribute("aria-rowcount")).isEqualTo(String.valueOf(APPS + 1));
    awaitText(By.cssSelector(".counts"), "OutOfSync 1429");
    browser.screenshot("list");

    js("const v = document.querySelector('[data-testid=app-table]'); v.scrollTop = v.scrollHeight;");
    // The last app in namespace/name order is team-9's last.
    browser.await(d -> d.findElements(By.linkText("app-09999")).size() == 1);
    assertThat(rows()).hasSizeBetween(10, 60);
    assertThat(browser.driver.findElements(By.linkText("app-00000"))).isEmpty();
  }

  @Test
  void arrowKeysMoveThroughRowsThatAreNotYetRendered() {
    open("/");
    awaitTotal(APPS + " applications");
    WebElement first = visible(By.linkText("app-00000"));
    first.sendKeys(Keys.ARROW_DOWN);
    browser.await(d -> "app-00010".equals(d.switchTo().activeElement().getText()));
    browser.driver.switchTo().activeElement().sendKeys(Keys.END);
    browser.await(d -> "app-09999".equals(d.switchTo().activeElement().getText()));
    assertThat(rows()).hasSizeBetween(10, 60);
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.await(ExpectedConditions.urlContains("/applications/team-9/app-09999"));
  }

  @Test
  void searchAndFiltersNarrowTheListAndStayInTheUrl() {
    open("/");
    awaitTotal(APPS + " applications");
    WebElement search = visible(By.name("search"));
    search.sendKeys("app-0042");
    awaitTotal("10 applications");
    assertThat(rows()).hasSize(10);

    new Select(browser.driver.findElement(By.name("sync"))).selectByVisibleText("OutOfSync");
    awaitTotal("2 applications");
    assertThat(rows()).extracting(r -> r.findElement(By.tagName("a")).getText()).containsExactlyInAnyOrder("app-00420", "app-00427");
    browser.await(d -> d.getCurrentUrl().contains("search=app-0042") && d.getCurrentUrl().contains("sync=OutOfSync"));

    // Opening the URL again gives the same list.
    open("/?search=app-0042&sync=OutOfSync");
    awaitTotal("2 applications");
  }

  @Test
  void tilesAreWindowedToo() throws Exception {
    open("/?view=tiles");
    awaitTotal(APPS + " applications");
    List<WebElement> tiles = browser.await(d -> {
      var t = d.findElements(By.cssSelector("[data-testid=app-tile]"));
      return t.isEmpty() ? null : t;
    });
    assertThat(tiles.size()).isBetween(4, 80);
    browser.screenshot("tiles");
  }

  @Test
  void aLiveChangeShowsWithoutAReload() throws Exception {
    open("/?search=app-00001");
    awaitTotal("1 application");
    browser.await(d -> server.openStreams() > 0);
    Map<String, Object> changed = new java.util.LinkedHashMap<>(CannedApps.summary(1));
    changed.put("health", "Degraded");
    server.pushUpsert(changed);
    browser.await(d -> d.findElement(By.cssSelector("[data-testid=app-row]")).getText().contains("Degraded"));
  }

  @Test
  void anAppShowsItsTreeAndAnObjectsDiffAndManifests() throws Exception {
    open("/?search=app-00001");
    visible(By.linkText("app-00001")).click();
    browser.await(ExpectedConditions.urlContains("/applications/team-1/app-00001"));
    visible(By.cssSelector("[data-kind=Deployment]"));
    assertThat(browser.driver.findElements(By.cssSelector("[data-testid=tree-node]")))
        .extracting(e -> e.getAttribute("data-kind"))
        .containsExactlyInAnyOrder("ConfigMap", "Deployment", "ReplicaSet", "Pod", "Service");
    WebElement pods = browser.driver.findElement(By.cssSelector("[data-kind=Pod]"));
    assertThat(pods.getAttribute("aria-label")).isEqualTo("4 Pod objects, worst health Degraded");
    awaitText(By.cssSelector("[data-testid=waiting]"), "a deny window is open until 06:00 UTC");
    awaitText(By.cssSelector("[data-testid=approval]"), "Create ConfigMap/prod/web-config");
    browser.screenshot("detail");

    browser.driver.findElement(By.cssSelector("[data-kind=Deployment]")).click();
    WebElement panel = visible(By.cssSelector("[data-testid=object-panel]"));
    browser.await(d -> panel.findElements(By.cssSelector(".diff .add")).size() == 1);
    assertThat(panel.findElement(By.cssSelector(".diff .add")).getText()).endsWith("+  replicas: 3");
    assertThat(panel.findElement(By.cssSelector(".diff .del")).getText()).contains("-  replicas: 1");
    browser.screenshot("diff");

    panel.findElement(By.id("obj-tab-live")).click();
    awaitText(By.cssSelector("[data-testid=object-panel] pre"), "replicas: 1");
    panel.findElement(By.id("obj-tab-desired")).click();
    awaitText(By.cssSelector("[data-testid=object-panel] pre"), "replicas: 3");
  }

  @Test
  void theSyncDialogPostsPruneAndTheChosenObjects() throws Exception {
    open("/applications/team-1/app-00001");
    visible(By.cssSelector("[data-kind=Deployment]"));
    visible(By.xpath("//button[normalize-space()='Sync…']")).click();
    WebElement dialog = visible(By.cssSelector("[role=dialog]"));
    assertThat(dialog.getAttribute("aria-labelledby")).isNotBlank();
    dialog.findElement(By.name("prune")).click();
    dialog.findElement(By.cssSelector("[data-resource=':Service:web']")).click();
    browser.screenshot("sync-dialog");
    dialog.findElement(By.cssSelector("[data-testid=sync-submit]")).click();

    browser.await(d -> !server.actions.isEmpty());
    FakeKeelsonServer.Action sync = server.actions.get(0);
    assertThat(sync.path()).isEqualTo("/sync");
    assertThat(sync.body()).isEqualTo(Map.of("prune", true, "dryRun", false,
        "resources", List.of("apps:Deployment:web", ":ConfigMap:web-config")));
    browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
    awaitText(By.cssSelector("[data-testid=notice]"), "Sync requested.");
  }

  @Test
  void escapeClosesTheDialogAndFocusReturnsToItsButton() {
    open("/applications/team-1/app-00001");
    visible(By.cssSelector("[data-kind=Deployment]"));
    WebElement syncButton = visible(By.xpath("//button[normalize-space()='Sync…']"));
    syncButton.sendKeys(Keys.ENTER);
    visible(By.cssSelector("[role=dialog]"));
    assertThat(browser.driver.switchTo().activeElement().getAttribute("name")).isEqualTo("prune");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
    assertThat(browser.driver.switchTo().activeElement()).isEqualTo(syncButton);
    assertThat(server.actions).isEmpty();
  }

  @Test
  void withoutASessionTheLoginPageShowsThoughAnonymousListsAnswer() {
    server.requireSession = true;
    open("/?search=app-0001");
    browser.await(ExpectedConditions.urlToBe(server.url("/login?next=%2F%3Fsearch%3Dapp-0001")));
    assertThat(rows()).isEmpty();
    visible(By.name("username")).sendKeys(FakeKeelsonServer.USER);
    browser.driver.findElement(By.name("password")).sendKeys(FakeKeelsonServer.PASSWORD, Keys.ENTER);
    browser.await(ExpectedConditions.urlToBe(server.url("/?search=app-0001")));
    awaitTotal("10 applications");
  }

  @Test
  void aRefusedRequestLeadsToTheLoginPageAndBack() throws Exception {
    server.requireLogin = true;
    open("/applications/team-1/app-00001");
    browser.await(ExpectedConditions.urlContains("/login?next="));
    WebElement user = visible(By.name("username"));
    browser.screenshot("login");
    user.sendKeys(FakeKeelsonServer.USER);
    WebElement password = browser.driver.findElement(By.name("password"));
    password.sendKeys("wrong");
    password.sendKeys(Keys.ENTER);
    awaitText(By.cssSelector("[role=alert]"), "wrong username or password");

    password.clear();
    password.sendKeys(FakeKeelsonServer.PASSWORD, Keys.ENTER);
    browser.await(ExpectedConditions.urlToBe(server.url("/applications/team-1/app-00001")));
    visible(By.cssSelector("[data-kind=Deployment]"));

    // The session cookie goes with every request; unsafe ones carry the login's CSRF token.
    visible(By.xpath("//button[normalize-space()='Refresh']")).click();
    browser.await(d -> !server.actions.isEmpty());
    assertThat(server.actions.get(0).path()).isEqualTo("/refresh");
    assertThat(server.actions.get(0).csrf()).isEqualTo(FakeKeelsonServer.CSRF);
  }

  @Test
  void aGroupOpensItsPodsAndAPodsLogStreams() {
    open("/applications/team-1/app-00001");
    visible(By.cssSelector("[data-kind=Pod]")).click();
    visible(By.xpath("//button[normalize-space()='web-7d9f-c']")).click();
    WebElement panel = visible(By.cssSelector("[data-testid=object-panel]"));
    panel.findElement(By.id("obj-tab-logs")).click();
    awaitText(By.cssSelector("[data-testid=pod-log]"), "readiness probe failed: connection refused");
    assertThat(browser.driver.findElement(By.cssSelector("[data-testid=pod-log]")).getText())
        .isEqualTo("starting web on :8080\nreadiness probe failed: connection refused");
    panel.findElement(By.id("obj-tab-live")).click();
    awaitText(By.cssSelector("[data-testid=object-panel]"), "Created by another controller: not in Git.");
  }

  @Test
  void approveAndSuspendPostTheirRequests() {
    open("/applications/team-1/app-00001");
    visible(By.xpath("//*[@data-testid='approval']//button[normalize-space()='Approve']")).click();
    browser.await(d -> server.actions.size() == 1);
    assertThat(server.actions.get(0).path()).isEqualTo("/approve");
    assertThat(server.actions.get(0).body()).isEqualTo(Map.of("revision", "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c"));
    awaitText(By.cssSelector("[data-testid=notice]"), "Approval requested.");

    browser.driver.findElement(By.xpath("//button[normalize-space()='Suspend']")).click();
    browser.await(d -> server.actions.size() == 2);
    assertThat(server.actions.get(1).path()).isEqualTo("/suspend");
    assertThat(server.actions.get(1).body()).isEmpty();
  }

  @Test
  void theOperationAndHistoryTabs() {
    open("/applications/team-1/app-00001?tab=operation");
    WebElement op = visible(By.cssSelector("[data-testid=operation]"));
    assertThat(op.getText()).contains("PreSync", "Job prod/migrate", "Sync", "Deployment prod/web");
    open("/applications/team-1/app-00001?tab=history");
    visible(By.cssSelector("[data-testid=history]"));
    // Only a succeeded deployment can be returned to.
    assertThat(browser.driver.findElements(By.xpath("//button[starts-with(@aria-label,'Roll back to')]"))).hasSize(1);
    browser.driver.findElement(By.xpath("//button[@aria-label='Roll back to history entry 1']")).click();
    visible(By.cssSelector("[role=dialog] button.primary")).click();
    browser.await(d -> !server.actions.isEmpty());
    assertThat(server.actions.get(0).path()).isEqualTo("/rollback");
    assertThat(server.actions.get(0).body()).isEqualTo(Map.of("historyId", 1));
  }

  @Test
  void theThemeToggleSwitchesToDarkAndIsRemembered() throws Exception {
    open("/");
    awaitTotal(APPS + " applications");
    visible(By.xpath("//button[@aria-label='Switch to dark theme']")).click();
    browser.await(d -> "dark".equals(js("return document.documentElement.dataset.theme")));
    String background = (String) js("return getComputedStyle(document.body).backgroundColor");
    assertThat(background).isEqualTo("rgb(18, 22, 28)");
    browser.screenshot("list-dark");
    open("/applications/team-1/app-00001");
    visible(By.cssSelector("[data-kind=Deployment]"));
    assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    browser.screenshot("detail-dark");
  }
}
