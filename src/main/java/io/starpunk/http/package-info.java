/**
 * HTTP at the edges, shared by every endpoint: what comes in (the body limits,
 * undecodable fields, the one list of endpoints that clients call with tokens, the error
 * bodies those endpoints speak) and what goes out (the one fetch helper,
 * {@link io.starpunk.http.OutboundFetch}, and its policy).
 */
package io.starpunk.http;
