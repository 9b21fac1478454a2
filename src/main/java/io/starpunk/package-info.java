/**
 * StarPunk for the JVM: a single-user IndieWeb blog server. {@code StarpunkApplication}
 * starts it; each subpackage owns one capability.
 */
package io.starpunk;
