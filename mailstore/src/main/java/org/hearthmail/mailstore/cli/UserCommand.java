package org.hearthmail.mailstore.cli;

import org.hearthmail.config.ByteSize;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.Quota;
import org.hearthmail.mailstore.store.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore user add|passwd|list|remove|quota}. Passwords come from a no-echo prompt or
 * {@code --password-stdin}, never from an argument, and nothing secret is printed.
 */
@Command(name = "user", description = "Manage users (add, passwd, list, remove, quota).")
final class UserCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Create a user with the default mailboxes. Asks for the password.")
    int add(@Parameters(paramLabel = "ADDRESS", converter = AddressConverter.class) String address,
            @Option(names = "--quota", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "0",
                    description = "Storage limit, e.g. 2G or 500M; 0 for unlimited (default).") long quota,
            @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
            boolean passwordStdin,
            @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            requireHostedDomain(in, address);
            if (in.store().user(address).isPresent()) {
                throw new org.hearthmail.mailstore.store.ConflictException("user " + address + " exists already");
            }
            char[] password = PasswordInput.read(Cli.terminal(spec), passwordStdin, address);
            try {
                User u = in.accounts().addUser(address, password, quota);
                Cli.out(spec).println("added user " + u.address() + (quota == 0 ? "" : " (quota " + ByteSize.format(quota) + ")"));
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "passwd", description = "Set a user's password. Asks for it.")
    int passwd(@Parameters(paramLabel = "ADDRESS", converter = AddressConverter.class) String address,
               @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
               boolean passwordStdin,
               @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            requireUser(in, address);
            char[] password = PasswordInput.read(Cli.terminal(spec), passwordStdin, address);
            try {
                in.accounts().setPassword(address, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            Cli.out(spec).println("password changed for " + address);
        }
        return ExitCodes.OK;
    }

    @Command(name = "list", description = "List users with their storage use.")
    int list(@Option(names = "--json", description = "Print JSON instead of text.") boolean json,
             @Mixin DataDirOption dataDir) {
        List<Map<String, Object>> rows;
        try (Installation in = Installation.open(dataDir.dataDir())) {
            rows = in.store().users().stream().map(u -> {
                Quota q = in.store().quota(u.id());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("address", u.address());
                m.put("quota_bytes", q.limitBytes());
                m.put("used_bytes", q.usedBytes());
                return m;
            }).toList();
        }
        if (json) {
            Cli.printJson(spec, rows);
        } else {
            for (Map<String, Object> r : rows) {
                long limit = (Long) r.get("quota_bytes");
                Cli.out(spec).printf("%-40s %10s used of %s%n", r.get("address"), ByteSize.format((Long) r.get("used_bytes")),
                        limit == 0 ? "unlimited" : ByteSize.format(limit));
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "remove", description = "Delete a user with all its mail, aliases and app passwords. Needs --yes.")
    int remove(@Parameters(paramLabel = "ADDRESS", converter = AddressConverter.class) String address,
               @Option(names = "--yes", description = "Confirm that the user's mail is to be deleted.") boolean yes,
               @Mixin DataDirOption dataDir) {
        if (!yes) {
            throw new ParameterException(spec.commandLine(), "'user remove " + address
                    + "' deletes all of its mail, aliases and app passwords; add --yes to confirm");
        }
        try (Installation in = Installation.open(dataDir.dataDir())) {
            User u = requireUser(in, address);
            in.store().removeUser(u.id());
            Cli.out(spec).println("removed user " + address + " with its mailboxes, aliases and app passwords");
        }
        return ExitCodes.OK;
    }

    @Command(name = "quota", description = "Show a user's storage use, or set the limit.")
    int quota(@Parameters(index = "0", paramLabel = "ADDRESS", converter = AddressConverter.class) String address,
              @Parameters(index = "1", arity = "0..1", paramLabel = "SIZE", converter = SizeConverter.class,
                      description = "New limit, e.g. 2G; 0 or 'unlimited' for no limit.") Long limit,
              @Mixin DataDirOption dataDir) {
        try (Installation in = Installation.open(dataDir.dataDir())) {
            User u = requireUser(in, address);
            if (limit != null) {
                in.store().setQuotaLimit(u.id(), limit);
            }
            Quota q = in.store().quota(u.id());
            Cli.out(spec).println(address + ": " + ByteSize.format(q.usedBytes()) + " used of "
                    + (q.unlimited() ? "unlimited" : ByteSize.format(q.limitBytes())));
        }
        return ExitCodes.OK;
    }

    static User requireUser(Installation in, String address) {
        return in.store().user(address).orElseThrow(() -> new NotFoundException("no user " + address));
    }

    private static void requireHostedDomain(Installation in, String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (in.store().domain(domain).isEmpty()) {
            throw new NotFoundException("domain " + domain + " is not hosted here; add it with 'mailstore domain add "
                    + domain + "'");
        }
    }
}
