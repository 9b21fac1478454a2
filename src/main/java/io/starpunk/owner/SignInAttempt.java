package io.starpunk.owner;

/**
 * What the password check needs to know about the request a sign-in came in: the
 * {@link io.starpunk.http.ClientAddress} key to count failures by, and whether the
 * browser signed in here before ({@link KnownDevices}).
 *
 * @param address the client address key
 * @param knownDevice whether the browser carries a valid device cookie
 */
record SignInAttempt(String address, boolean knownDevice) {
}
