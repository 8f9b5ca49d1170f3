package org.hearthmail.mailstore.cli;

import org.hearthmail.config.HostNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.store.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailstore domain add|list|remove}. Names are stored as A-labels; list shows the Unicode form too. */
@Command(name = "domain", description = "Manage mail domains (add, list, remove).")
final class DomainCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Host a new mail domain (internationalized names are stored as A-labels).")
    int add(@Parameters(paramLabel = "DOMAIN", converter = HostNameConverter.class) String domain,
            @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            Domain d = in.store().addDomain(domain);
            Cli.out(spec).println("added domain " + display(d.name()));
        }
        return ExitCodes.OK;
    }

    @Command(name = "list", description = "List hosted domains.")
    int list(@Option(names = "--json", description = "Print JSON instead of text.") boolean json,
             @Mixin DataDirOption dataDir) {
        List<Domain> domains;
        try (Installation in = Installation.open(dataDir.dataDir())) {
            domains = in.store().domains();
        }
        if (json) {
            Cli.printJson(spec, domains.stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", d.name());
                m.put("unicode", HostNames.toUnicode(d.name()));
                return m;
            }).toList());
        } else {
            domains.forEach(d -> Cli.out(spec).println(display(d.name())));
        }
        return ExitCodes.OK;
    }

    @Command(name = "remove", description = "Stop hosting a domain; refused while it still has users or aliases.")
    int remove(@Parameters(paramLabel = "DOMAIN", converter = HostNameConverter.class) String domain,
               @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            in.store().removeDomain(domain);
            Cli.out(spec).println("removed domain " + display(domain));
        }
        return ExitCodes.OK;
    }

    /** {@code xn--bcher-kva.example (bücher.example)}, or just the name when it is plain ASCII. */
    static String display(String asciiName) {
        String unicode = HostNames.toUnicode(asciiName);
        return unicode.equals(asciiName) ? asciiName : asciiName + " (" + unicode + ")";
    }
}
