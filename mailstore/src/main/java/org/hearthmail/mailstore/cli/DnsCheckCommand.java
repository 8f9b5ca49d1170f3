package org.hearthmail.mailstore.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.dnscheck.CheckItem;
import org.hearthmail.mailstore.dnscheck.CheckStatus;
import org.hearthmail.mailstore.dnscheck.DnsChecker;
import org.hearthmail.mailstore.dnscheck.DnsLookups;
import org.hearthmail.mailstore.dnsrecords.DnsPlan;
import org.xbill.DNS.ResolverConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore dns check}: looks up every record {@code dns records} prints, plus each relay's
 * PTR/FCrDNS, SPF evaluated for the relays (and the home address), and DNSBL listings. One line per
 * item on stdout, progress on stderr; exit 0 only when every item is ok.
 */
@Command(name = "check", description = {
        "Look up the published records and report each as ok, missing, wrong, warn or unknown.",
        "Exit 0 when everything is ok, 1 otherwise (or when the resolver does not answer)."})
final class DnsCheckCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--resolver", paramLabel = "IP[:PORT]", converter = IpLiteral.ResolverConverter.class,
            description = "DNS resolver to ask (default: the first nameserver of /etc/resolv.conf).")
    InetSocketAddress resolver;

    @Option(names = "--dnsbl", paramLabel = "ZONE", split = ",",
            description = "DNS blocklist zone to check the relays against; repeatable (default: "
                    + "zen.spamhaus.org, bl.spamcop.net, b.barracudacentral.org). 'none' checks none.")
    List<String> dnsbl = new ArrayList<>();

    @Option(names = "--home-address", paramLabel = "IP", converter = IpLiteral.AddressConverter.class,
            description = "The home line's public address: warn when SPF would pass for it.")
    InetAddress homeAddress;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "Per query and attempt (two attempts); default ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the results as a JSON array.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1 || timeoutSeconds > 60) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--timeout must be 1..60 seconds");
        }
        var err = Cli.err(spec);
        DnsPlan plan = DnsPlans.load(dataDir, false, err);
        InetSocketAddress server = resolver != null ? resolver : systemResolver();
        err.println("asking " + server.getAddress().getHostAddress() + " port " + server.getPort());
        List<CheckItem> items;
        try (DnsLookups dns = new DnsLookups(server, Duration.ofSeconds(timeoutSeconds), 2)) {
            DnsChecker checker = new DnsChecker(dns, new DnsChecker.Options(zones(), Optional.ofNullable(homeAddress)),
                    line -> {
                        err.println(line);
                        err.flush();
                    });
            items = checker.check(plan);
        }
        print(items);
        long bad = items.stream().filter(i -> i.status() != CheckStatus.OK).count();
        err.println(bad == 0 ? "all " + items.size() + " checks ok" : bad + " of " + items.size() + " checks not ok");
        return DnsChecker.allOk(items) ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }

    private List<String> zones() {
        if (dnsbl.isEmpty()) {
            return DnsChecker.Options.defaultDnsblZones();
        }
        return dnsbl.stream().filter(z -> !z.equalsIgnoreCase("none")).toList();
    }

    private void print(List<CheckItem> items) {
        if (json) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CheckItem i : items) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("status", i.status().label());
                m.put("what", i.what());
                m.put("expected", i.expected());
                m.put("found", i.found());
                rows.add(m);
            }
            Cli.printJson(spec, rows);
            return;
        }
        var out = Cli.out(spec);
        items.forEach(i -> out.println(i.line()));
        out.flush();
    }

    private static InetSocketAddress systemResolver() {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        return servers.isEmpty() ? new InetSocketAddress(InetAddress.getLoopbackAddress(), IpLiteral.DNS_PORT)
                : servers.get(0);
    }
}
