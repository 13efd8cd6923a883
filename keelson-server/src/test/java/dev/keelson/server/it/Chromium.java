package dev.keelson.server.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through Debian's chromedriver, at a laptop's screen size, as
 * keelson-ui's own end-to-end tests drive it (the driver path is given, so Selenium never looks
 * for one to download). Waits are longer than there: a real controller answers these pages.
 */
final class Chromium implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  final ChromeDriver driver;

  Chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("keelson.chromium", "/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1366,820", "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("keelson.chromedriver", "/usr/bin/chromedriver")))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
  }

  <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, DEADLINE).until(condition);
  }

  /** Writes a screenshot to the directory named by -Dkeelson.ui.screenshots, when it is set. */
  void screenshot(String name) throws IOException {
    String dir = System.getProperty("keelson.ui.screenshots", "");
    if (dir.isBlank()) return;
    Path target = Path.of(dir).resolve(name + ".png");
    Files.createDirectories(target.getParent());
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
