/**
 * A tunnel as a running program uses it: {@link org.hearthmail.tunnel.runtime.RunningTunnel}
 * picks the backend, applies the config, supervises health and tears the device down again;
 * {@link org.hearthmail.tunnel.runtime.TunnelStates} turns a health report into the status
 * file's view. Used by both {@code edge-relay run} and {@code mailstore run}.
 *
 * <p>Invariants: a started tunnel is always closed by its owner (stopping the supervisor first,
 * then the daemon this process started); health is DOWN until the first poll; nothing here
 * holds or prints a private or preshared key beyond the config handed to the backend.
 */
package org.hearthmail.tunnel.runtime;
