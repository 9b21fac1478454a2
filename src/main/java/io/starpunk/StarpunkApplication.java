package io.starpunk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.starpunk.backup.BackupCommand;
import io.starpunk.database.MigrationCommand;

@SpringBootApplication
public class StarpunkApplication {

	public static void main(String[] args) {
		if (BackupCommand.isRequested(args)) {
			System.exit(BackupCommand.run(args, System.out, System.err));
		}
		if (MigrationCommand.isRequested(args)) {
			System.exit(MigrationCommand.run(args, System.out));
		}
		try {
			SpringApplication.run(StarpunkApplication.class, args);
		}
		catch (RuntimeException ex) {
			// already reported by Spring Boot's failure analysis, as one clear line
			System.exit(1);
		}
	}

}
