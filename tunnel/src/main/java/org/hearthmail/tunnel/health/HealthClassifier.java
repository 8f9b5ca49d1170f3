package org.hearthmail.tunnel.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hearthmail.tunnel.PeerStatus;
import org.hearthmail.tunnel.keys.WgPublicKey;

/**
 * Turns peer status into health. Keeps, per peer, the last received-bytes count and when it was
 * last seen growing, because a handshake happens only every two minutes while keepalives arrive
 * far more often: growing rx is the fresher sign of life.
 */
public final class HealthClassifier {
    private final HealthThresholds thresholds;
    private final Map<WgPublicKey, RxMark> marks = new HashMap<>();

    private record RxMark(long rxBytes, Instant grewAt) {
    }

    public HealthClassifier(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Classifies one peer at {@code now} and remembers its counters for the next call. */
    public PeerHealth classify(PeerStatus peer, Instant now) {
        RxMark previous = marks.get(peer.publicKey());
        Optional<Instant> rxGrewAt = Optional.empty();
        if (previous != null && peer.rxBytes() > previous.rxBytes()) {
            rxGrewAt = Optional.of(now);
        } else if (previous != null && peer.rxBytes() == previous.rxBytes()) {
            rxGrewAt = Optional.ofNullable(previous.grewAt());
        }
        // A smaller count means the device was rebuilt: earlier growth no longer says anything.
        marks.put(peer.publicKey(), new RxMark(peer.rxBytes(), rxGrewAt.orElse(null)));

        Optional<Instant> life = latest(peer.lastHandshake(), rxGrewAt);
        TunnelHealth health = life.map(t -> byAge(Duration.between(t, now))).orElse(TunnelHealth.DOWN);
        return new PeerHealth(peer.publicKey(), health, peer.lastHandshake(), life, peer.endpoint(),
                peer.rxBytes(), peer.txBytes());
    }

    /** A configured peer that the device does not know is DOWN; its counters are forgotten. */
    public PeerHealth missing(WgPublicKey peer) {
        marks.remove(peer);
        return new PeerHealth(peer, TunnelHealth.DOWN, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
    }

    TunnelHealth byAge(Duration age) {
        if (age.compareTo(thresholds.downAfter()) >= 0) {
            return TunnelHealth.DOWN;
        }
        if (age.compareTo(thresholds.staleAfter()) >= 0) {
            return TunnelHealth.STALE;
        }
        return TunnelHealth.UP;
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
