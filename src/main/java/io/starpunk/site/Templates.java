package io.starpunk.site;

import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import org.springframework.stereotype.Component;

/**
 * The site's jte templates ({@code src/main/jte/site}), compiled at build time with HTML
 * escaping on for every expression.
 */
@Component
class Templates {

	/** The jte-maven-plugin's {@code packageName}: templates under site/ land here. */
	private static final String PACKAGE = "io.starpunk";

	private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null, PACKAGE);

	String render(String template, Map<String, Object> parameters) {
		StringOutput output = new StringOutput();
		this.engine.render(template, parameters, output);
		return output.toString();
	}

}
