package org.hearthmail.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hearthmail.dns.FakeResolver;
import org.junit.jupiter.api.Test;

/** RFC 5321 §5.1 / RFC 7505 rules on a data-only resolver. */
class MxResolverTest {

    @Test
    void hostsAreOrderedByPreferenceAndEqualPreferencesAreShuffled() {
        FakeResolver dns = new FakeResolver().mx("d.test", 20, "c.d.test").mx("d.test", 10, "a.d.test")
                .mx("d.test", 10, "b.d.test").mx("d.test", 30, "z.d.test");
        Set<List<String>> seen = new HashSet<>();
        MxResolver resolver = new MxResolver(dns, new Random(42));
        for (int i = 0; i < 40; i++) {
            MxRoute r = resolver.resolve("d.test").join();
            List<String> hosts = ((MxRoute.Hosts) r).hosts();
            assertThat(hosts.subList(0, 2)).containsExactlyInAnyOrder("a.d.test", "b.d.test");
            assertThat(hosts.subList(2, 4)).containsExactly("c.d.test", "z.d.test");
            seen.add(hosts);
        }
        assertThat(seen).as("both orders of the two preference-10 hosts occur").hasSize(2);
    }

    @Test
    void singleRootMxIsNullMxAndAMixedOneIsIgnored() {
        assertThat(new MxResolver(new FakeResolver().mx("n.test", 0, "."), new Random()).resolve("n.test").join())
                .isInstanceOf(MxRoute.NullMx.class);
        MxRoute mixed = new MxResolver(new FakeResolver().mx("m.test", 0, ".").mx("m.test", 10, "mx.m.test"), new Random())
                .resolve("m.test").join();
        assertThat(((MxRoute.Hosts) mixed).hosts()).containsExactly("mx.m.test");
    }

    @Test
    void withoutMxTheDomainItselfIsTheImplicitMxAndWithoutAddressesItIsInvalid() {
        FakeResolver dns = new FakeResolver().a("host.test", "192.0.2.7").exists("empty.test");
        MxRoute implicit = new MxResolver(dns, new Random()).resolve("host.test").join();
        assertThat(implicit).isEqualTo(new MxRoute.Hosts(List.of("host.test"), true));
        assertThat(new MxResolver(dns, new Random()).resolve("empty.test").join()).isInstanceOf(MxRoute.NoSuchDomain.class);
        assertThat(new MxResolver(dns, new Random()).resolve("nx.test").join()).isInstanceOf(MxRoute.NoSuchDomain.class);
    }

    @Test
    void dnsServerFailureIsTemporary() {
        FakeResolver dns = new FakeResolver().servfail("sf.test");
        assertThat(new MxResolver(dns, new Random()).resolve("sf.test").join()).isInstanceOf(MxRoute.TempFail.class);
    }
}
