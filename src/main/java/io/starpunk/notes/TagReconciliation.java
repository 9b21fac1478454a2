package io.starpunk.notes;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.config.Jobs;

/**
 * Brings the tag index up to date with the notes' categories once the server is up, in
 * the background, so that the start-up does not grow with the number of notes (reading
 * every note's categories takes seconds at 100,000 notes). Notes whose tags it rewrites
 * (categories changed while the server was stopped) are announced as a change, so the
 * rendered pages and feeds follow.
 */
@Component
class TagReconciliation {

	private static final Log log = LogFactory.getLog(TagReconciliation.class);

	private final TagIndex index;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meters;

	TagReconciliation(TagIndex index, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		this.index = index;
		this.meters = meters;
		this.events = events;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void reconcileInTheBackground() {
		Thread thread = new Thread(() -> {
			try {
				Jobs.run(this.meters, "tag-reconciliation", () -> {
					if (this.index.reconcile() > 0) {
						this.events.publishEvent(new NotesChanged(this.clock.instant()));
					}
				});
			}
			catch (RuntimeException ex) {
				log.warn("The tags could not be brought up to date with the notes' categories: " + ex.getMessage());
			}
		}, "starpunk-tag-reconciliation");
		thread.setDaemon(true);
		thread.start();
	}

}
