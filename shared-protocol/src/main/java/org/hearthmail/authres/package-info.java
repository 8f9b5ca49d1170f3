/**
 * Authentication-Results header fields (RFC 8601): building the one this host adds, and reading the
 * authserv-id of fields already in a message so forged ones claiming this host can be removed (§5).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every value written is either an RFC 2045 token or a correctly escaped quoted-string, so a
 *       hostile MAIL FROM or DKIM domain cannot inject a property or a second result.</li>
 *   <li>authserv-ids are compared case-insensitively; comments (CFWS) before the id are skipped.</li>
 * </ul>
 */
package org.hearthmail.authres;
