package dev.keelson.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's, through Debian's chromedriver: Selenium never downloads one) at a
 * laptop's screen size, reading the list page's first-render mark.
 */
final class ListPageBrowser implements AutoCloseable {
  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(60);
  /**
   * Selenium warns on stderr that it carries no DevTools protocol classes for this Chromium;
   * none are used here. Held strongly: java.util.logging keeps loggers only weakly.
   */
  private static final java.util.logging.Logger CDP_NOTICE = quiet("org.openqa.selenium.devtools.CdpVersionFinder");
  private final ChromeDriver driver;

  ListPageBrowser(Path chromium, Path chromedriver) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1366,820", "--no-first-run", "--disable-extensions", "--disable-background-networking",
        "--disable-component-update", "--disable-sync");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  /**
   * The session cookie the login sets, set directly; the page visited for it is JSON, so the
   * first load of the UI still finds nothing in the cache.
   */
  void session(String base, String token) {
    driver.get(base + "/api/v1/openapi.json");
    driver.manage().addCookie(new Cookie.Builder("keelson.token", token).path("/").isHttpOnly(true).build());
  }

  /** Loads the page and answers the milliseconds from navigation start to the first-render mark. */
  double firstRender(String url) {
    driver.get(url);
    Object ms = new WebDriverWait(driver, PAGE_DEADLINE).until(d -> ((JavascriptExecutor) d).executeScript(
        "const m = performance.getEntriesByName(arguments[0]);"
            + " return m.length && document.querySelector('[data-testid=app-row]') ? m[0].startTime : null;",
        UiBench.FIRST_RENDER_MARK));
    return ((Number) ms).doubleValue();
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.OFF);
    return logger;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
