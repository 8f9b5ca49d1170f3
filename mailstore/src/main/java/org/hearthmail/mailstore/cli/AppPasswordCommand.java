package org.hearthmail.mailstore.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.auth.NewAppPassword;
import org.hearthmail.mailstore.store.AppPassword;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore app-password add|list|revoke}. {@code add} prints the generated secret alone on
 * stdout (so a script can capture it) and the explanation on stderr; it is shown this once only.
 */
@Command(name = "app-password", description = "Manage per-device app passwords (add, list, revoke).")
final class AppPasswordCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Generate an app password for one device; printed once.")
    int add(@Parameters(paramLabel = "ADDRESS", converter = AddressConverter.class) String address,
            @Option(names = "--label", paramLabel = "LABEL", required = true,
                    description = "What the password is for, e.g. phone (1-100 characters).") String label,
            @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            UserCommand.requireUser(in, address);
            NewAppPassword p = in.accounts().addAppPassword(address, label);
            try {
                Cli.err(spec).println("app password " + p.record().id() + " (" + p.record().label() + ") for " + address
                        + "; shown only now:");
                Cli.err(spec).flush();
                Cli.out(spec).println(new String(p.secret()));
                Cli.out(spec).flush();
            } finally {
                Arrays.fill(p.secret(), '\0');
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "list", description = "List a user's active app passwords (never the passwords themselves).")
    int list(@Parameters(paramLabel = "ADDRESS", converter = AddressConverter.class) String address,
             @Option(names = "--json", description = "Print JSON instead of text.") boolean json,
             @Mixin DataDirOption dataDir) {
        List<AppPassword> list;
        try (Installation in = Installation.open(dataDir.dataDir())) {
            UserCommand.requireUser(in, address);
            list = in.accounts().appPasswords(address);
        }
        if (json) {
            Cli.printJson(spec, list.stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("label", p.label());
                m.put("created_at", p.createdAt().toString());
                return m;
            }).toList());
        } else {
            list.forEach(p -> Cli.out(spec).printf("%-6d %-30s created %s%n", p.id(), p.label(), p.createdAt()));
        }
        return ExitCodes.OK;
    }

    @Command(name = "revoke", description = "Revoke one app password by its id (see list).")
    int revoke(@Parameters(index = "0", paramLabel = "ADDRESS", converter = AddressConverter.class) String address,
               @Parameters(index = "1", paramLabel = "ID") long id,
               @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            UserCommand.requireUser(in, address);
            in.accounts().revokeAppPassword(address, id);
            Cli.out(spec).println("revoked app password " + id + " of " + address);
        }
        return ExitCodes.OK;
    }
}
