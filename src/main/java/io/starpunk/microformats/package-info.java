/**
 * The microformats2 parser: a page's items ({@code h-*}), their properties and children,
 * its {@code rels}, by the microformats2 parsing specification, on jsoup; and
 * {@link io.starpunk.microformats.Citation}, what a page that links to one of ours says
 * about it (a reply, a like, a repost, a bookmark, an RSVP or a mention, and by whom). It
 * depends on nothing else of this server's.
 */
package io.starpunk.microformats;
