/**
 * The Micropub endpoint: apps holding an IndieAuth token create notes here.
 */
package io.starpunk.micropub;
