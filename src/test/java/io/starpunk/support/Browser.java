package io.starpunk.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Chromium for the pages a person uses: Debian's {@code chromium} driven
 * by Debian's {@code chromedriver}, both named by path so that Selenium Manager never
 * runs and nothing is downloaded. Each browser has its own empty profile, deleted on
 * close.
 */
public final class Browser implements AutoCloseable {

	/** Where {@link #screenshot(String)} saves its pictures. */
	public static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Path profile;

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
		this.profile = profile;
		this.service = service;
		this.driver = driver;
	}

	/**
	 * Starts a browser.
	 * @return the browser, to close when done
	 */
	public static Browser start() {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(binary)) {
				throw new IllegalStateException(binary + " is missing: browser tests need Debian's chromium and "
						+ "chromium-driver (apt-get install chromium chromium-driver; .ci/run does this)");
			}
		}
		Path profile = createProfile();
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Without these, Chromium reaches out to Google at start and keeps trying; a
		// test's network is closed. Even with them it still looks up accounts.google.com
		// and update.googleapis.com, so the resolver knows no host but the loopback one.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
				"--disable-client-side-phishing-detection", "--no-pings", "--disable-dev-shm-usage",
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost", "--window-size=1280,900",
				"--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		try {
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new Browser(profile, service, driver);
		}
		catch (RuntimeException ex) {
			service.stop();
			deleteRecursively(profile);
			throw ex;
		}
	}

	private static Path createProfile() {
		try {
			return Files.createTempDirectory("starpunk-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The Selenium driver, for what the helpers here don't cover. */
	public ChromeDriver driver() {
		return this.driver;
	}

	public Browser open(URI uri) {
		this.driver.get(uri.toString());
		return this;
	}

	/** The one element the selector finds now, failing when there is none. */
	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	/** Every element the selector finds now. */
	public List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** The element, once it is on the page and visible (waiting at most 10 seconds). */
	public WebElement waitFor(String css) {
		return new WebDriverWait(this.driver, WAIT)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	/** Replaces the text of a field, as a person would type it. */
	public Browser type(String css, String text) {
		WebElement field = waitFor(css);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	/**
	 * Clicks a link or a button that leads to another page, and waits until that page has
	 * loaded.
	 */
	public Browser click(String css) {
		WebElement element = new WebDriverWait(this.driver, WAIT)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
		WebElement page = this.driver.findElement(By.tagName("html"));
		element.click();
		new WebDriverWait(this.driver, WAIT).until((driver) -> isGone(page));
		new WebDriverWait(this.driver, WAIT)
			.until((driver) -> "complete".equals(this.driver.executeScript("return document.readyState")));
		return this;
	}

	/**
	 * Whether an element's document has been replaced. Chrome says so either as a stale
	 * element or, while the new document is coming in, as a node that "does not belong to
	 * the document"; Selenium's own stalenessOf knows only the first.
	 */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/** Clicks something that stays on the page, such as a checkbox. */
	public Browser clickInPlace(String css) {
		new WebDriverWait(this.driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
			.click();
		return this;
	}

	/**
	 * The HTTP status of the response the page shown now came from (a 401 sign-in page,
	 * say), as the browser's Navigation Timing saw it.
	 */
	public int status() {
		Object status = this.driver.executeScript(
				"const page = performance.getEntriesByType('navigation')[0]; return page ? page.responseStatus : 0;");
		return ((Number) status).intValue();
	}

	/** Waits until the page shown has this path (after a redirect, say). */
	public Browser waitForPath(String path) {
		new WebDriverWait(this.driver, WAIT).until((driver) -> path.equals(currentPath()));
		// the address changes before the new document has loaded; elements found before
		// then may belong to the old one
		new WebDriverWait(this.driver, WAIT)
			.until((driver) -> "complete".equals(this.driver.executeScript("return document.readyState")));
		return this;
	}

	/** The path of the page shown now. */
	public String currentPath() {
		return URI.create(this.driver.getCurrentUrl()).getRawPath();
	}

	/** The path and query of the page shown now. */
	public String currentPathAndQuery() {
		URI uri = URI.create(this.driver.getCurrentUrl());
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	/** A cookie's value, or {@code null} when the browser has none of that name. */
	public String cookie(String name) {
		Cookie cookie = this.driver.manage().getCookieNamed(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

	/** The visible text of the page. */
	public String text() {
		return find("body").getText();
	}

	/** The browser console's entries since the last call (errors, CSP violations). */
	public List<LogEntry> console() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll();
	}

	/**
	 * The console's warnings and errors since the last call: script errors, failed loads,
	 * Content-Security-Policy violations. The site has no favicon; the browser's own
	 * request for one is not a page's error.
	 */
	public List<String> consoleProblems() {
		return console().stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !message.contains("/favicon.ico "))
			.toList();
	}

	/**
	 * Saves the whole page, also what lies below the window, as
	 * {@code target/browser-screenshots/<name>.png}.
	 * @param name the file's name, without {@code .png}
	 * @return the file
	 */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, Base64.getDecoder().decode(wholePage()));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String wholePage() {
		Map<String, Object> metrics = this.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
		@SuppressWarnings("unchecked")
		Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(), "height",
				((Number) size.get("height")).doubleValue(), "scale", 1);
		Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		return (String) shot.get("data");
	}

	/**
	 * Shows the page as a phone would (390 by 844 CSS pixels, a mobile viewport) while
	 * the action runs, then goes back to the desktop size.
	 * @param action what to do meanwhile (look, take a screenshot)
	 */
	public void asPhone(Runnable action) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
		try {
			action.run();
		}
		finally {
			this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	/**
	 * Saves a screenshot of the page as a phone shows it (see
	 * {@link #asPhone(Runnable)}).
	 * @param name the file's name, without {@code .png}
	 */
	public void phoneScreenshot(String name) {
		asPhone(() -> screenshot(name));
	}

	/**
	 * Whether the page is wider than the window, so that a reader must scroll sideways.
	 */
	public boolean scrollsSideways() {
		return (Boolean) this.driver
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
	}

	/** The width the page's layout has now, in CSS pixels. */
	public long viewportWidth() {
		return ((Number) this.driver.executeScript("return document.documentElement.clientWidth")).longValue();
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			deleteRecursively(this.profile);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a profile left in the temp directory is harmless
		}
	}

}
