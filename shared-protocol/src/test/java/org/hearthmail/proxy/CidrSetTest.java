package org.hearthmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.proxy.ProxyProtocolHandlerTrustedTest.addr;

import org.junit.jupiter.api.Test;

class CidrSetTest {

    @Test
    void ipv4BlockContainsItsAddressesOnly() {
        IpRange range = IpRange.parse("10.77.0.0/24");
        assertThat(range.contains(addr("10.77.0.0"))).isTrue();
        assertThat(range.contains(addr("10.77.0.255"))).isTrue();
        assertThat(range.contains(addr("10.77.1.0"))).isFalse();
        assertThat(range.contains(addr("10.76.255.255"))).isFalse();
    }

    @Test
    void prefixNotOnAByteBoundaryIsHonoured() {
        IpRange range = IpRange.parse("192.0.2.64/26");
        assertThat(range.contains(addr("192.0.2.64"))).isTrue();
        assertThat(range.contains(addr("192.0.2.127"))).isTrue();
        assertThat(range.contains(addr("192.0.2.63"))).isFalse();
        assertThat(range.contains(addr("192.0.2.128"))).isFalse();
    }

    @Test
    void ipv6BlockContainsItsAddressesOnly() {
        IpRange range = IpRange.parse("2001:db8:77::/48");
        assertThat(range.contains(addr("2001:db8:77:ffff::1"))).isTrue();
        assertThat(range.contains(addr("2001:db8:78::1"))).isFalse();
    }

    @Test
    void familiesNeverMatchEachOther() {
        assertThat(IpRange.parse("0.0.0.0/0").contains(addr("::1"))).isFalse();
        assertThat(IpRange.parse("::/0").contains(addr("127.0.0.1"))).isFalse();
    }

    @Test
    void ipv4MappedIpv6PeerMatchesTheIpv4Block() {
        // Java hands out ::ffff:a.b.c.d peers as Inet4Address.
        assertThat(CidrSet.of("10.77.0.0/24").contains(addr("::ffff:10.77.0.1"))).isTrue();
    }

    @Test
    void bareAddressIsASingleHost() {
        IpRange host = IpRange.parse("10.77.0.1");
        assertThat(host.prefixLength()).isEqualTo(32);
        assertThat(host.contains(addr("10.77.0.1"))).isTrue();
        assertThat(host.contains(addr("10.77.0.2"))).isFalse();
        assertThat(IpRange.parse("::1").prefixLength()).isEqualTo(128);
    }

    @Test
    void zeroPrefixMatchesTheWholeFamily() {
        assertThat(IpRange.parse("0.0.0.0/0").contains(addr("203.0.113.9"))).isTrue();
    }

    @Test
    void malformedEntriesAreRejectedNamingTheText() {
        assertThatThrownBy(() -> IpRange.parse("relay.example.org")).isInstanceOf(InvalidCidrException.class)
                .hasMessageContaining("relay.example.org");
        assertThatThrownBy(() -> IpRange.parse("10.77.0.0/33")).isInstanceOf(InvalidCidrException.class)
                .hasMessageContaining("33");
        assertThatThrownBy(() -> IpRange.parse("10.77.0.0/")).isInstanceOf(InvalidCidrException.class);
        assertThatThrownBy(() -> IpRange.parse("10.77.0.0/-1")).isInstanceOf(InvalidCidrException.class);
        assertThatThrownBy(() -> IpRange.parse("")).isInstanceOf(InvalidCidrException.class);
        assertThatThrownBy(() -> IpRange.parse("2001:db8::/129")).isInstanceOf(InvalidCidrException.class);
    }

    @Test
    void hostBitsSetIsRejected() {
        assertThatThrownBy(() -> IpRange.parse("10.77.0.1/24")).isInstanceOf(InvalidCidrException.class)
                .hasMessageContaining("host bits");
    }

    @Test
    void setMatchesWhenAnyRangeMatches() {
        CidrSet set = CidrSet.of("10.77.0.0/24", "fd00:77::/64");
        assertThat(set.contains(addr("fd00:77::5"))).isTrue();
        assertThat(set.contains(addr("10.77.0.9"))).isTrue();
        assertThat(set.contains(addr("198.51.100.1"))).isFalse();
        assertThat(set.contains(null)).isFalse();
        assertThat(set.toString()).contains("10.77.0.0/24");
    }
}
