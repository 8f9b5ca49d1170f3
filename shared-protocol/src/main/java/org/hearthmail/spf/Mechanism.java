package org.hearthmail.spf;

import java.net.InetAddress;
import java.util.Objects;

/**
 * RFC 7208 §5: the mechanisms. Domain specs are unexpanded macro strings; {@code null} means the
 * current {@code <domain>}.
 */
public sealed interface Mechanism {

    /** Whether evaluating this mechanism counts against the 10-lookup limit (§4.6.4). */
    default boolean countsAsLookup() {
        return !(this instanceof All || this instanceof Ip4 || this instanceof Ip6);
    }

    /** §5.1 */
    record All() implements Mechanism { }

    /** §5.2 */
    record Include(String domainSpec) implements Mechanism {
        public Include {
            Objects.requireNonNull(domainSpec, "domainSpec");
        }
    }

    /** §5.3 */
    record A(String domainSpec, int prefix4, int prefix6) implements Mechanism { }

    /** §5.4 */
    record Mx(String domainSpec, int prefix4, int prefix6) implements Mechanism { }

    /** §5.5 (use is discouraged, but it must be evaluated) */
    record Ptr(String domainSpec) implements Mechanism { }

    /** §5.6 */
    record Ip4(InetAddress network, int prefix) implements Mechanism { }

    /** §5.6 */
    record Ip6(InetAddress network, int prefix) implements Mechanism { }

    /** §5.7 */
    record Exists(String domainSpec) implements Mechanism {
        public Exists {
            Objects.requireNonNull(domainSpec, "domainSpec");
        }
    }
}
