package io.starpunk.config;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The servlet container's limits for multipart uploads, from {@code MEDIA_MAX_BYTES}
 * (which a property file cannot multiply): one file may be that large, a whole request
 * four of them and a megabyte of fields, as a Micropub create with several photos is.
 * Anything above an in-memory threshold is buffered on disk, not in memory. The media
 * store checks the size again as it copies each file.
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
		factory.setMaxFileSize(DataSize.ofBytes(maxFile));
		factory.setMaxRequestSize(DataSize.ofBytes(FILES_PER_REQUEST * maxFile + DataSize.ofMegabytes(1).toBytes()));
		factory.setFileSizeThreshold(IN_MEMORY);
		return factory.createMultipartConfig();
	}

}
