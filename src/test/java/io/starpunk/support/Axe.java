package io.starpunk.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core, the accessibility engine browsers' developer tools use, run in the page a
 * {@link Browser} shows. Its script is the {@code axe.min.js} that Deque's
 * {@code com.deque.html.axe-core:selenium} jar carries; it is injected and run through
 * WebDriver, so nothing else of that jar is needed.
 */
public final class Axe {

	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { resultTypes: ['violations'] })
				.then((results) => done(results.violations.map((rule) => ({
					id: rule.id,
					impact: rule.impact,
					help: rule.help,
					nodes: rule.nodes.map((node) => node.target.join(' ') + ': ' + node.failureSummary)
				}))))
				.catch((error) => done([{ id: 'axe-error', impact: 'critical', help: String(error), nodes: [] }]));
			""";

	private static volatile String script;

	private Axe() {
	}

	/**
	 * The rules the page in the browser breaks, by axe's default rule set (WCAG 2.x A and
	 * AA, and best practices).
	 * @param browser a browser showing the page
	 * @return the violations, empty when there are none
	 */
	@SuppressWarnings("unchecked")
	public static List<Violation> violations(Browser browser) {
		ChromeDriver driver = browser.driver();
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		driver.executeScript(script());
		List<Map<String, Object>> found = (List<Map<String, Object>>) driver.executeAsyncScript(RUN);
		return found.stream()
			.map((rule) -> new Violation((String) rule.get("id"), (String) rule.get("impact"),
					(String) rule.get("help"), (List<String>) rule.get("nodes")))
			.toList();
	}

	private static String script() {
		String loaded = script;
		if (loaded == null) {
			try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
				if (in == null) {
					throw new IllegalStateException(
							"axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
				}
				loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				script = loaded;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return loaded;
	}

	/**
	 * One rule the page breaks.
	 *
	 * @param id the rule, such as {@code page-has-heading-one}
	 * @param impact how much it hurts: minor, moderate, serious or critical
	 * @param help what the rule asks for
	 * @param nodes the elements that break it, as CSS selectors with axe's summary
	 */
	public record Violation(String id, String impact, String help, List<String> nodes) {

		@Override
		public String toString() {
			return this.id + " (" + this.impact + "): " + this.help + " " + this.nodes;
		}

	}

}
