package org.hearthmail.mailstore.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailstore alias add|list|remove}; {@code @domain} is the domain's catch-all. */
@Command(name = "alias", description = "Manage aliases and catch-alls (add, list, remove).")
final class AliasCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Deliver mail for SOURCE (local@domain, or @domain for a catch-all) to the user TARGET.")
    int add(@Parameters(index = "0", paramLabel = "SOURCE", converter = AddressConverter.AliasSource.class) String source,
            @Parameters(index = "1", paramLabel = "TARGET", converter = AddressConverter.class) String target,
            @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            String domain = source.substring(source.lastIndexOf('@') + 1);
            if (in.store().domain(domain).isEmpty()) {
                throw new NotFoundException("domain " + domain + " is not hosted here; add it with 'mailstore domain add "
                        + domain + "'");
            }
            UserCommand.requireUser(in, target);
            in.accounts().addAlias(source, target);
            Cli.out(spec).println("added alias " + source + " -> " + target);
        }
        return ExitCodes.OK;
    }

    @Command(name = "list", description = "List aliases and their targets.")
    int list(@Option(names = "--json", description = "Print JSON instead of text.") boolean json,
             @Mixin DataDirOption dataDir) {
        List<Map<String, Object>> rows;
        try (Installation in = Installation.open(dataDir.dataDir())) {
            rows = in.store().aliases().stream().map(a -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", a.source());
                m.put("target", in.store().user(a.userId()).map(User::address).orElse("?"));
                m.put("catch_all", a.isCatchAll());
                return m;
            }).toList();
        }
        if (json) {
            Cli.printJson(spec, rows);
        } else {
            rows.forEach(r -> Cli.out(spec).printf("%-40s -> %s%n", r.get("source"), r.get("target")));
        }
        return ExitCodes.OK;
    }

    @Command(name = "remove", description = "Remove an alias or catch-all.")
    int remove(@Parameters(paramLabel = "SOURCE", converter = AddressConverter.AliasSource.class) String source,
               @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            if (!in.store().removeAlias(source)) {
                throw new NotFoundException("no alias " + source);
            }
            Cli.out(spec).println("removed alias " + source);
        }
        return ExitCodes.OK;
    }

}
