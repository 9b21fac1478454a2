/**
 * HTTP at the edges, shared by every endpoint. What comes in: the body limits and the
 * gates that unlock the upload size ({@link io.starpunk.http.UploadGate}), undecodable
 * fields, the one list of endpoints that clients call with tokens
 * ({@link io.starpunk.http.ClientEndpoints}) and the error bodies they speak, the one
 * client-address rule with its trusted proxies ({@link io.starpunk.http.ClientAddress}),
 * the throttles' buckets and the table a flood cannot reset
 * ({@link io.starpunk.http.RateLimit}, {@link io.starpunk.http.AddressTable}), and a
 * database that does not answer turned into 503. What goes out: the one fetch helper,
 * {@link io.starpunk.http.OutboundFetch}, and its address policy.
 */
package io.starpunk.http;
