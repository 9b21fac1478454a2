package io.starpunk.support;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Saves a screenshot of the browser when a test fails, as
 * {@code target/browser-screenshots/<class>.<method>-failed.png}, so that a failure in CI
 * shows what the page looked like. Register it with
 * {@code @RegisterExtension static final BrowserScreenshots screenshots = new BrowserScreenshots(() -> browser);}.
 */
public final class BrowserScreenshots implements TestExecutionExceptionHandler {

	private final Supplier<Browser> browser;

	public BrowserScreenshots(Supplier<Browser> browser) {
		this.browser = browser;
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		Browser current = this.browser.get();
		if (current != null) {
			try {
				current.screenshot(context.getRequiredTestClass().getSimpleName() + "."
						+ context.getRequiredTestMethod().getName() + "-failed");
			}
			catch (RuntimeException ex) {
				failure.addSuppressed(ex);
			}
		}
		throw failure;
	}

}
