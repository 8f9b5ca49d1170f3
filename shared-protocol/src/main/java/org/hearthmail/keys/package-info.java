/**
 * The shape shared by our 32-byte keys ({@link org.hearthmail.keys.Key32}). Invariant: a key's
 * bytes never leave it except as a copy, and equality is constant-time.
 */
package org.hearthmail.keys;
