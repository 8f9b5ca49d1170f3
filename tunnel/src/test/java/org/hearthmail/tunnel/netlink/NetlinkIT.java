package org.hearthmail.tunnel.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.config.IpPrefix;
import org.hearthmail.tunnel.testbed.Cmd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rtnetlink and generic netlink against the running kernel, inside a namespace of our own. */
class NetlinkIT {
    private String ns;

    @BeforeEach
    void setUp() {
        assumeTrue("root".equals(System.getProperty("user.name")), "namespace tests need root");
        assumeTrue(Cmd.available("ip"), "ip (Debian package iproute2) is not installed");
        byte[] r = new byte[3];
        new SecureRandom().nextBytes(r);
        ns = "hm-nl-" + HexFormat.of().formatHex(r);
        Cmd.run("ip", "netns", "add", ns);
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            Cmd.exec(List.of("ip", "netns", "del", ns), null);
        }
    }

    @Test
    void linkIsCreatedAddressedAndBroughtUpInsideTheNamespace() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.route(Optional.of(NetlinkSocket.namedNamespace(ns)))) {
            RtNetlink rt = new RtNetlink(s);
            String kind = "dummy";
            try {
                rt.addLink("hmdummy0", kind);
            } catch (NetlinkException e) {
                // Some kernels (this test machine's) have no dummy driver; iproute2 must agree, then
                // a bridge (also a plain virtual link) stands in.
                assertThat(e.errno()).as(e.getMessage()).isEqualTo(95);
                assertThat(Cmd.exec(List.of("ip", "-n", ns, "link", "add", "hmprobe0", "type", "dummy"), null).exitCode())
                        .isNotZero();
                kind = "bridge";
                rt.addLink("hmdummy0", kind);
            }
            assertThat(Cmd.run("ip", "-n", ns, "-details", "link", "show", "dev", "hmdummy0")).contains(kind);
            assertThat(rt.link("hmdummy0").up()).isFalse();
            rt.setUp("hmdummy0");
            rt.addAddress("hmdummy0", IpPrefix.parse("198.51.100.7/24"));
            rt.addAddress("hmdummy0", IpPrefix.parse("198.51.100.7/24")); // replace: idempotent

            Link link = rt.link("hmdummy0");
            assertThat(link.up()).isTrue();
            assertThat(link.index()).isPositive();
            String shown = Cmd.run("ip", "-n", ns, "-brief", "address", "show", "dev", "hmdummy0");
            assertThat(shown).contains("198.51.100.7/24");
            assertThat(Cmd.run("ip", "-n", ns, "link", "show", "dev", "hmdummy0")).containsPattern("<[^>]*\\bUP\\b[^>]*>");
            // Only the namespace changed: the test JVM's own namespace has no such link.
            assertThat(Cmd.exec(List.of("ip", "link", "show", "dev", "hmdummy0"), null).exitCode()).isNotZero();

            String again = kind;
            assertThatThrownBy(() -> rt.addLink("hmdummy0", again))
                    .isInstanceOf(NetlinkException.class).hasMessageContaining("EEXIST")
                    .extracting(e -> ((NetlinkException) e).errno()).isEqualTo(17);
            rt.deleteLink("hmdummy0");
            assertThatThrownBy(() -> rt.link("hmdummy0")).isInstanceOf(NetlinkException.class)
                    .extracting(e -> ((NetlinkException) e).errno()).isEqualTo(19);
        }
    }

    @Test
    void nlctrlResolvesToTheSameIdGenlReports() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.generic(Optional.of(NetlinkSocket.namedNamespace(ns)))) {
            OptionalInt id = new GenericNetlink(s).resolveFamily("nlctrl");
            assertThat(id).hasValue(GenericNetlink.GENL_ID_CTRL);
            if (Cmd.available("genl")) {
                assertThat(Cmd.run("genl", "ctrl", "get", "name", "nlctrl")).contains("ID: 0x10");
            }
        }
    }

    @Test
    void wireguardFamilyIsResolvedExactlyWhenTheKernelHasIt() throws Exception {
        assumeTrue(Cmd.available("genl"), "genl (Debian package iproute2) is not installed");
        boolean kernelHasIt = Cmd.exec(List.of("genl", "ctrl", "get", "name", "wireguard"), null).exitCode() == 0;
        try (NetlinkSocket s = NetlinkSocket.generic(Optional.empty())) {
            OptionalInt id = new GenericNetlink(s).resolveFamily(GenericNetlink.WIREGUARD_FAMILY);
            assertThat(id.isPresent()).isEqualTo(kernelHasIt);
        }
    }
}
