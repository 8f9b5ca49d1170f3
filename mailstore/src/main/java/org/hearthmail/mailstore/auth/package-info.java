/**
 * Credentials and login policy for every protocol of the mailstore.
 *
 * <p>Owns: Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash},
 * parameters inside, so raising them later only needs {@link
 * org.hearthmail.mailstore.auth.PasswordHasher#needsRehash} and a login); app-password verifiers
 * ({@code $sha256$...} of a 100-bit random secret); the in-memory failed-login state.
 *
 * <p>Invariants: passwords and AUTH payloads are never logged or stored in clear; hashes are
 * compared in constant time; an unknown user costs one Argon2 run like a known one; a throttled
 * attempt does not check the password at all; one {@link org.hearthmail.mailstore.auth.LoginThrottle}
 * is shared by all protocols. Hashing is slow by design: never on an event loop.
 *
 * <p>Argon2id is computed natively by the reference implementation ({@code libargon2.so.1}, Debian
 * {@code libargon2-1}, through JNA: the only JNA use of this module, which also maps the block memory
 * on huge pages through the C library) with one thread per lane, or
 * by BouncyCastle when the library is missing or fails its RFC 9106 self-test; the choice is made
 * once per process and logged at start. Both give identical bytes, so hashes never depend on it.
 */
package org.hearthmail.mailstore.auth;
