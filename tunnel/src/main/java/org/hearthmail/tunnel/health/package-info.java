/**
 * Tunnel health supervision: {@link org.hearthmail.tunnel.health.TunnelSupervisor} polls a
 * {@link org.hearthmail.tunnel.TunnelBackend}, classifies each peer as
 * {@link org.hearthmail.tunnel.health.TunnelHealth#UP}, {@code STALE} or {@code DOWN} with
 * {@link org.hearthmail.tunnel.health.HealthClassifier}, re-applies the config when the device
 * no longer matches it (a restarted daemon comes back empty), and tells listeners about changes.
 *
 * <p>Invariants: classification is a pure function of status, previous observation, thresholds
 * and the clock; listeners hear only about changes of health (not of byte counters), in poll
 * order, on the supervisor's single thread; a failing listener is logged and does not stop
 * supervision; a device that cannot be read counts as DOWN, with the reason in the report.
 */
package org.hearthmail.tunnel.health;
