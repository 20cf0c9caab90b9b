package eu.sovereignmail.gateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless Chromium for the browser tests, driven by Selenium through {@code /usr/bin/chromedriver} named
 * explicitly (Selenium Manager never downloads anything). On a machine without it, running as root, it installs the
 * {@code chromium} and {@code chromium-driver} packages with apt-get; otherwise the test is skipped with the reason.
 */
public final class Chromium {
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Logger LOG = LoggerFactory.getLogger(Chromium.class);
  private static boolean installTried;

  private Chromium() {}

  /** Makes sure Chromium and its driver are there (installing them as root), or skips the calling test. */
  public static synchronized void require() {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
          "browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver "
              + "(not installed, and not running as root to install them)");
      if (!installTried) {
        installTried = true;
        install();
      }
    }
    Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
        "chromium or chromedriver is still missing after apt-get install; see the test log");
  }

  /** A fresh headless browser with its own throw-away profile; quit it when done. */
  public static ChromeDriver start(Path profile) throws IOException {
    require();
    Files.createDirectories(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }

  private static void install() {
    for (List<String> command : List.of(List.of("apt-get", "update"),
        List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"))) {
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "chromium-install.log").toFile())
            .start();
        boolean done = process.waitFor(15, TimeUnit.MINUTES);
        LOG.info("event=it.chromium.install command=\"{}\" exit={}", String.join(" ", command),
            done ? process.exitValue() : "timeout");
        if (!done) {
          process.destroyForcibly();
          return;
        }
      } catch (IOException e) {
        LOG.warn("event=it.chromium.install_failed command=\"{}\" error=\"{}\"", String.join(" ", command), e.toString());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
