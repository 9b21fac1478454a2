package io.starpunk.http;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.starpunk.config.StarpunkSettings;

/**
 * The servlet container's limits for multipart uploads, from {@code MEDIA_MAX_BYTES}
 * (which a property file cannot multiply): a whole request may carry four files of that
 * size and a megabyte of fields, as a Micropub create or the owner's editor with several
 * photos does. No single file has a limit of its own here: the media store refuses a file
 * over {@code MEDIA_MAX_BYTES} as it copies it, after the form's fields have been read,
 * so that the owner's editor can say which photo was too large and keep everything else
 * (when the container refuses a part, it reads none of the fields, the CSRF field
 * included). Anything above an in-memory threshold is buffered on disk, not in memory.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

	/** How much of a part is kept in memory before it is written to a temporary file. */
	static final DataSize IN_MEMORY = DataSize.ofKilobytes(64);

	/** How many files of the largest size one request may carry. */
	static final int FILES_PER_REQUEST = 4;

	@Bean
	MultipartConfigElement multipartConfigElement(StarpunkSettings settings) {
		long maxFile = settings.micropub().mediaMaxBytes().toBytes();
		MultipartConfigFactory factory = new MultipartConfigFactory();
		long maxRequest = FILES_PER_REQUEST * maxFile + DataSize.ofMegabytes(1).toBytes();
		factory.setMaxFileSize(DataSize.ofBytes(maxRequest));
		factory.setMaxRequestSize(DataSize.ofBytes(maxRequest));
		factory.setFileSizeThreshold(IN_MEMORY);
		return factory.createMultipartConfig();
	}

}
