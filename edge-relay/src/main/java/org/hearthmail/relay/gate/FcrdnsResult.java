package org.hearthmail.relay.gate;

import java.util.Objects;

/** Forward-confirmed reverse DNS of one address. */
public sealed interface FcrdnsResult {

    /** A PTR name whose A/AAAA records contain the address. */
    record Confirmed(String name) implements FcrdnsResult {
        public Confirmed {
            Objects.requireNonNull(name, "name");
        }
    }

    /** No PTR, or no PTR name leads back to the address. */
    record Unconfirmed(String why) implements FcrdnsResult { }

    /** A lookup failed temporarily; nothing is known. */
    record TempFailed(String why) implements FcrdnsResult { }

    /** FCrDNS was not asked for. */
    record NotChecked() implements FcrdnsResult { }
}
