package io.starpunk.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Binds {@code SYNDICATE_TO}'s JSON as one value: left to the binder, the commas inside
 * the JSON would split it into a list of fragments.
 */
@Component
@ConfigurationPropertiesBinding
class SyndicationTargetsConverter implements Converter<String, SyndicationTargets> {

	@Override
	public SyndicationTargets convert(String source) {
		return SyndicationTargets.parse(source);
	}

}
