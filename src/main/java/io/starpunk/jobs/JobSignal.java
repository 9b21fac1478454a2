package io.starpunk.jobs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Wakes the worker when a job was added, instead of letting it wait for its next poll.
 */
@Component
class JobSignal {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition added = this.lock.newCondition();

	private boolean pending;

	void wake() {
		this.lock.lock();
		try {
			this.pending = true;
			this.added.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Waits until woken or the time passed. */
	void await(long millis) throws InterruptedException {
		this.lock.lock();
		try {
			if (!this.pending) {
				this.added.await(millis, TimeUnit.MILLISECONDS);
			}
			this.pending = false;
		}
		finally {
			this.lock.unlock();
		}
	}

}
