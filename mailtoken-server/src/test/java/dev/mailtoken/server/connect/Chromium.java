package dev.mailtoken.server.connect;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: both paths are given, so
 * Selenium Manager has nothing to look up and never downloads a browser or a driver. Every test
 * gets a fresh profile directory. Screenshots go to {@code target/screenshots/<test>/}. Public for the
 * admin pages' browser test.
 */
public final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver;
  private final Path profile;
  private final Path shots;

  private Chromium(ChromeDriver driver, Path profile, Path shots) {
    this.driver = driver;
    this.profile = profile;
    this.shots = shots;
  }

  /** Why the browser tests cannot run here, or empty when they can. */
  public static Optional<String> unavailable() {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      return Optional.of("Debian's chromium and chromium-driver are not installed (" + BROWSER + ", " + DRIVER
          + "); install them with: apt-get install -y chromium chromium-driver (.ci/run does)");
    }
    return Optional.empty();
  }

  public static Chromium start(String testName) throws IOException {
    Path profile = Files.createTempDirectory("mailtoken-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1000,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Path shots = SCREENSHOTS.resolve(testName);
    Files.createDirectories(shots);
    return new Chromium(driver, profile, shots);
  }

  /** Saves what the browser shows as {@code target/screenshots/<test>/<name>.png}. */
  public Path screenshot(String name) {
    File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = shots.resolve(name + ".png");
    try {
      Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** The console messages logged since the last call. */
  public List<LogEntry> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
