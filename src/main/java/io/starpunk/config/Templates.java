package io.starpunk.config;

import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import org.springframework.stereotype.Component;

/**
 * The site's jte templates ({@code src/main/jte/<channel>}), compiled at build time with
 * HTML escaping on for every expression.
 */
@Component
public class Templates {

	/**
	 * The jte-maven-plugin's {@code packageName}: templates under site/ land in
	 * io.starpunk.site.
	 */
	private static final String PACKAGE = "io.starpunk";

	private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null, PACKAGE);

	public String render(String template, Map<String, Object> parameters) {
		StringOutput output = new StringOutput();
		this.engine.render(template, parameters, output);
		return output.toString();
	}

}
