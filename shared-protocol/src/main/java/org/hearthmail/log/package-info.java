/**
 * Logging that keeps metadata to a minimum, shared by both programs.
 *
 * <p>Owns: masking of credentials in every line ({@link org.hearthmail.log.RedactingConverter}); the
 * one summary line per message ({@link org.hearthmail.log.MessageSummary}, written by
 * {@link org.hearthmail.log.SummarizingSessions} around a listener's sessions); how addresses and
 * client IPs appear ({@link org.hearthmail.log.AddressLogging}, {@link org.hearthmail.log.LogPrivacy});
 * daily log files and their retention ({@link org.hearthmail.log.LogFiles},
 * {@link org.hearthmail.log.LogRetention}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>A summary line holds facts about a message (ids, direction, reply code, size bucket, TLS,
 *       authentication results as method:result), never content: no subject, no body, no header
 *       value other than those results, no AUTH identity.</li>
 *   <li>Addresses and IPs appear only through {@link org.hearthmail.log.LogPrivacy}; in "hashed" mode
 *       the key lives in memory and changes every UTC day.</li>
 *   <li>No log file outlives {@code [log] retention_days} by more than a day, including files left
 *       by earlier runs.</li>
 * </ul>
 * On disk: {@code logs/PROGRAM.log} in the data directory, rolled to {@code PROGRAM.YYYY-MM-DD.log.gz}.
 */
package org.hearthmail.log;
