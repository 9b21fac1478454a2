package bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot with StarPunk's starters (web, JDBC, Flyway, security, SQLite) and one
 * endpoint, {@code GET /health} answering "ok": what any application of this shape costs
 * before it does anything of its own.
 */
@SpringBootApplication
@RestController
public class BareBootApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareBootApplication.class, args);
	}

	@GetMapping("/health")
	String health() {
		return "ok";
	}

	/** Every request permitted, as StarPunk's public pages are; no CSRF (no forms here). */
	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
