package org.hearthmail.relay.passthrough;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The relay's client ports.
 *
 * @param routes         listen address to mailstore target, e.g. 465, 587 and 993
 * @param connectTimeout how long to try reaching the mailstore before the client is disconnected
 * @param idleTimeout    a connection with no byte in either direction for this long is closed
 *                       (RFC 9051 §5.4: an IMAP server's autologout timer is at least 30 minutes)
 */
public record PassthroughConfig(List<PassthroughRoute> routes, Duration connectTimeout, Duration idleTimeout) {

    public PassthroughConfig {
        routes = List.copyOf(routes);
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException("connectTimeout must be in (0, 2 min]: " + connectTimeout);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        Set<java.net.InetSocketAddress> seen = new HashSet<>();
        for (PassthroughRoute r : routes) {
            if (r.listen().getPort() != 0 && !seen.add(r.listen())) {
                throw new IllegalArgumentException("listen address used twice: " + r.listen());
            }
        }
    }

    public static PassthroughConfig of(List<PassthroughRoute> routes) {
        return new PassthroughConfig(routes, Duration.ofSeconds(10), Duration.ofMinutes(31));
    }
}
