/**
 * The durable job queue: what the server does on the owner's behalf, outside a request
 * (sending and verifying webmentions, WebSub pings, syndication, reply contexts,
 * scheduled notes), as rows of the {@code jobs} table written in the same transaction as
 * the change that causes them, run by a worker with retries and exponential backoff. Jobs
 * survive restarts and {@code kill -9}; several processes on one database never run the
 * same job at once (a lease, renewed while the job runs).
 */
package io.starpunk.jobs;
