package org.hearthmail.proxy;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** An immutable set of CIDR blocks, e.g. the sources allowed to send PROXY headers. */
public record CidrSet(List<IpRange> ranges) {

    public CidrSet {
        ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
    }

    public static CidrSet empty() {
        return new CidrSet(List.of());
    }

    /** Parses each entry with {@link IpRange#parse}; the first bad entry throws {@link InvalidCidrException}. */
    public static CidrSet parse(Collection<String> entries) {
        return new CidrSet(entries.stream().map(IpRange::parse).toList());
    }

    public static CidrSet of(String... entries) {
        return parse(List.of(entries));
    }

    public boolean contains(InetAddress address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
