package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Quota;

/**
 * RFC 9208 QUOTA: one quota root, named "", holding every mailbox of the user, with the STORAGE
 * resource in units of 1024 octets (§5.1). GETQUOTA, GETQUOTAROOT; SETQUOTA is refused (the
 * administrator sets quotas).
 */
final class QuotaCommand implements Command {
    private final String name;

    QuotaCommand(String name) {
        this.name = name;
    }

    @Override public String name() { return name; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        switch (name) {
            case "GETQUOTAROOT" -> {
                String mailbox = args.astring();
                args.end();
                Mailboxes.find(ctx, mailbox);
                ctx.untagged("QUOTAROOT " + new String(new org.hearthmail.mailstore.imap.proto.ResponseBuilder()
                        .astring(mailbox).toBytes(), java.nio.charset.StandardCharsets.UTF_8) + " \"\"");
                quota(ctx);
            }
            case "GETQUOTA" -> {
                String root = args.astring();
                args.end();
                if (!root.isEmpty()) {
                    throw ImapException.no("NONEXISTENT", "No such quota root");
                }
                quota(ctx);
            }
            default -> throw ImapException.no("CANNOT", "Quotas are set by the administrator");
        }
        return Outcome.ok(name + " completed");
    }

    private static void quota(CommandContext ctx) {
        Quota q = ctx.store().quota(ctx.user().id());
        // RFC 9208 §5.1: STORAGE usage and limit in KiB; an unlimited resource is not listed.
        String resources = q.unlimited() ? ""
                : "STORAGE " + (q.usedBytes() + 1023) / 1024 + " " + q.limitBytes() / 1024;
        ctx.untagged("QUOTA \"\" (" + resources + ")");
    }
}
