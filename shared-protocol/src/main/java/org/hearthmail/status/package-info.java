/**
 * The status file of a running program ({@code edge-relay run}, {@code mailstore run}) and the
 * {@code status} command's reading of it.
 *
 * <p>On disk: {@code run/status.json} in the data directory, JSON of {@link RunStatus}, rewritten
 * every {@link StatusPublisher#INTERVAL} by writing {@code run/.status.json.tmp} and renaming it
 * over the old file, so a reader sees a whole file or none. A file older than
 * {@link StatusFile#STALE_AFTER} means the program stopped without cleaning up (or hangs);
 * on a clean stop the program deletes it. Holds no secrets (no keys, no passwords).
 */
package org.hearthmail.status;
