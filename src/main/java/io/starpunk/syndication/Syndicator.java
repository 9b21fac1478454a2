package io.starpunk.syndication;

import io.starpunk.config.StarpunkSettings.SyndicationTarget;

/** Posts a note's copy to one type of target. */
interface Syndicator {

	/**
	 * The type of target, as {@code SYNDICATE_TO} names it.
	 * @return {@code micropub}, {@code mastodon} or {@code bluesky}
	 */
	String type();

	/**
	 * Posts the copy.
	 * @param target the target
	 * @param post the note
	 * @return the copy's public URL
	 * @throws TargetRefused when the target refused it for good
	 * @throws TargetUnavailable when it could not take it now
	 */
	String post(SyndicationTarget target, Post post) throws TargetRefused, TargetUnavailable;

}
