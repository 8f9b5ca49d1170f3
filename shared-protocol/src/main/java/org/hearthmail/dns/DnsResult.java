package org.hearthmail.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS query. Lookups never throw; callers switch over these cases.
 *
 * @param <T> the record value type (address, host name, TXT text, MX entry)
 */
public sealed interface DnsResult<T> {

    /** The name exists and has at least one record of the asked type. */
    record Found<T>(List<T> records) implements DnsResult<T> {
        public Found {
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Found needs at least one record; use NoData");
            }
        }
    }

    /** RCODE 3: the name does not exist. */
    record NxDomain<T>() implements DnsResult<T> { }

    /** RCODE 0 with no answer of the asked type. */
    record NoData<T>() implements DnsResult<T> { }

    /** SERVFAIL, REFUSED, timeout or network failure: asking again later may succeed. */
    record TempFail<T>(Cause cause, String detail) implements DnsResult<T> {
        public TempFail {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a lookup failed temporarily. */
    enum Cause { SERVFAIL, TIMEOUT, REFUSED, NETWORK, OTHER }

    /** The records, or an empty list for every other outcome. */
    default List<T> records() {
        return this instanceof Found<T> f ? f.records() : List.of();
    }

    /** NXDOMAIN or no data: what RFC 7208 §4.6.4 calls a void lookup. */
    default boolean isVoid() {
        return this instanceof NxDomain<T> || this instanceof NoData<T>;
    }

    default boolean isTempFail() {
        return this instanceof TempFail<T>;
    }

    static <T> DnsResult<T> of(List<T> records) {
        return records.isEmpty() ? new NoData<>() : new Found<>(records);
    }
}
