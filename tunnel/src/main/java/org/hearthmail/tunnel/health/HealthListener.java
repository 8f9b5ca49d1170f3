package org.hearthmail.tunnel.health;

/** Told when the tunnel's health changes; called on the supervisor's thread, so return quickly. */
@FunctionalInterface
public interface HealthListener {
    void healthChanged(HealthReport report);
}
