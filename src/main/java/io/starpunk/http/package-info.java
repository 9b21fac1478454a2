/**
 * HTTP at the edges, shared by every endpoint: what comes in (the body limits,
 * undecodable fields, the one list of endpoints that clients call with tokens, the error
 * bodies those endpoints speak) and what goes out (capped response bodies and the one
 * fetch helper).
 */
package io.starpunk.http;
