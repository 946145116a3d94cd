package io.tributary.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The console's page in headless Chromium, driven by Selenium through the OS's chromedriver (Debian's {@code chromium}
 * and {@code chromium-driver}; .ci/run installs them): what the page shows, read from its elements.
 */
final class ConsoleBrowser implements AutoCloseable {
    private final ChromeDriver driver;

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Optional<Path> chromium() {
        return PsqlCommand.onPath("chromium").or(() -> PsqlCommand.onPath("chromium-browser"));
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(chromium().isPresent() && PsqlCommand.onPath("chromedriver").isPresent(),
                "headless Chromium needs the packages chromium and chromium-driver (.ci/run installs them)");
    }

    static ConsoleBrowser open() {
        ChromeOptions options = new ChromeOptions().setBinary(chromium().orElseThrow().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,2000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(PsqlCommand.onPath("chromedriver").orElseThrow().toFile()).usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options));
    }

    /** Opens the page and waits until it has drawn and every chart has at least two points (the console samples). */
    void load(String url, Duration timeout) throws InterruptedException {
        driver.get(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!loadedWithPoints()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the console did not draw every chart with 2 points within " + timeout + ": "
                        + chartPoints() + "\n" + driver.findElement(By.tagName("body")).getText());
            }
            Thread.sleep(500);
        }
    }

    private boolean loadedWithPoints() {
        return "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
                && chartPoints().values().stream().allMatch(n -> n >= 2);
    }

    /** Per chart (its series) the data points it draws. */
    Map<String, Integer> chartPoints() {
        Map<String, Integer> points = new LinkedHashMap<>();
        for (List<String> chart : snapshot("[...document.querySelectorAll('.chart')]"
                + ".map(c => [c.getAttribute('data-series'), c.getAttribute('data-points') || '0'])")) {
            points.put(chart.get(0), Integer.parseInt(chart.get(1)));
        }
        return points;
    }

    /** Messages of level SEVERE in the browser's console (script errors, failed requests). */
    List<String> severeConsoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    }

    /** Per service of the diagram its text (name, state, pid, restarts). */
    Map<String, String> services() {
        Map<String, String> result = new LinkedHashMap<>();
        for (List<String> service : snapshot("[...document.querySelectorAll('#pipeline .service')]"
                + ".map(e => [e.getAttribute('data-service'), e.innerText])")) {
            result.put(service.get(0), service.get(1));
        }
        return result;
    }

    /** Per row of the tables section its cells after the name: PostgreSQL, captured, bronze, merged, silver. */
    Map<String, List<String>> tableRows() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (List<String> cells : snapshot("[...document.querySelectorAll('#tables tbody tr')]"
                + ".map(r => [...r.querySelectorAll('td')].map(c => c.innerText))")) {
            result.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return result;
    }

    /**
     * Texts read in one script run: the page re-renders its sections every second, so elements found one call and
     * read the next can be gone (a stale element).
     */
    @SuppressWarnings("unchecked")
    private List<List<String>> snapshot(String expression) {
        Object value = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return " + expression + ";");
        return ((List<List<Object>>) value).stream().map(row -> row.stream().map(String::valueOf).toList()).toList();
    }

    /** Presses "Run reconcile" with the token field empty; the HTTP status the page received. */
    String runReconcileWithoutToken() throws InterruptedException {
        driver.findElement(By.id("token")).clear();
        driver.findElement(By.cssSelector("#reconcile-action button")).click();
        WebElement result = driver.findElement(By.id("action-result"));
        for (int i = 0; i < 40 && result.getDomAttribute("data-status") == null; i++) {
            Thread.sleep(250);
        }
        return result.getDomAttribute("data-status");
    }

    /**
     * Opens a browsing page (lake, topics, schemas) and waits until it has drawn; a page that shows an error fails
     * with it.
     */
    void show(String url, Duration timeout) throws InterruptedException {
        driver.get(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(url + " did not draw within " + timeout + ":\n" + driver.findElement(By.tagName("body")).getText());
            }
            Thread.sleep(200);
        }
        List<WebElement> error = driver.findElements(By.id("error"));
        if (!error.isEmpty()) {
            throw new AssertionError(url + " shows an error: " + error.get(0).getText());
        }
    }

    /** Per row of the table with id {@code tableId}: its data-* attributes named in {@code attributes}, and its text. */
    List<Map<String, String>> rows(String tableId, String... attributes) {
        return driver.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream().map(row -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (String a : attributes) {
                String v = row.getDomAttribute("data-" + a);
                values.put(a, v == null ? "" : v);
            }
            values.put("text", row.getText());
            return values;
        }).toList();
    }

    /**
     * The lake page's preview, read in one script run: its header's column names first, then per row its cells' full
     * values (a null is "null"); only an empty header when the page shows no preview.
     */
    List<List<String>> preview() {
        return snapshot("[[...document.querySelectorAll('#preview-rows thead th')].map(h => h.innerText),"
                + " ...[...document.querySelectorAll('#preview-rows tbody tr')].map(r => [...r.querySelectorAll('td')].map(c => c.title))]");
    }

    /** The text of the element with this id. */
    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Where the link with this id points, if it is shown. */
    Optional<String> shownLink(String id) {
        WebElement link = driver.findElement(By.id(id));
        return link.isDisplayed() ? Optional.ofNullable(link.getDomAttribute("href")) : Optional.empty();
    }

    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
