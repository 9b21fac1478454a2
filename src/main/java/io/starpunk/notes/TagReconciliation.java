package io.starpunk.notes;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Brings the tag index up to date once every bean is made, which is after the database is
 * migrated and before the web server is started (Spring Boot starts it as the context
 * finishes refreshing), so no visitor sees tags that disagree with the notes.
 */
@Component
class TagReconciliation implements SmartInitializingSingleton {

	private final TagIndex index;

	TagReconciliation(TagIndex index) {
		this.index = index;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.index.reconcile();
	}

}
