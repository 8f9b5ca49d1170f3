package org.hearthmail.mailstore.imap.command;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.MailboxNames;
import org.hearthmail.mailstore.imap.proto.ResponseBuilder;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;

/**
 * Mailbox names on the wire and lookups: modified UTF-7 for IMAP4rev1 (RFC 3501 §5.1.3), UTF-8
 * once IMAP4rev2 is enabled (RFC 9051 §5.1), "/" as hierarchy delimiter.
 */
final class Mailboxes {
    static final char DELIMITER = org.hearthmail.mailstore.store.MailboxStore.HIERARCHY_DELIMITER;

    private Mailboxes() {
    }

    /** A mailbox name (or LIST pattern) as the client sent it, in the session's encoding. */
    static String name(CommandContext ctx, String wire) throws ImapSyntaxException {
        if (!Rev2.on(ctx)) {
            return MailboxNames.decode(wire);
        }
        // RFC 9051 §5.1: after ENABLE IMAP4rev2 names are UTF-8 as they stand; "&" is just "&".
        if (wire.indexOf('\uFFFD') >= 0) {
            throw new ImapSyntaxException("mailbox name is not valid UTF-8");
        }
        return wire;
    }

    static String decode(CommandContext ctx, String wire) throws ImapSyntaxException {
        String name = name(ctx, wire);
        // RFC 3501 §5.1: INBOX is case-insensitive.
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    /** The mailbox a command names ({@code wire} as sent), found as {@link #findDecoded} finds it. */
    static Mailbox find(CommandContext ctx, String wire) throws ImapSyntaxException, ImapException {
        return findDecoded(ctx, decode(ctx, wire));
    }

    /**
     * The mailbox of a decoded name: the name as sent, or under IMAP4rev2 its NFC form, so a client
     * that sends a denormalized name still finds the mailbox it means (RFC 9051 §5.1, §6.3.9.7).
     * SELECT, EXAMINE, STATUS, DELETE, APPEND, COPY, MOVE and RENAME find their mailbox here.
     */
    static Mailbox findDecoded(CommandContext ctx, String name) throws ImapException {
        Optional<Mailbox> box = ctx.store().mailbox(ctx.user().id(), name);
        if (box.isEmpty() && Rev2.on(ctx)) {
            box = ctx.store().mailbox(ctx.user().id(), Rev2.normalized(name));
        }
        return box.orElseThrow(() -> ImapException.no("NONEXISTENT", "No such mailbox"));
    }

    /**
     * The name a new mailbox gets (CREATE, RENAME): RFC 9051 §5.1 / §6.3.4 / §6.3.6, the server
     * normalizes it to NFC (RFC 5198 §2). IMAP4rev1 sessions keep the name as sent, as they always did.
     */
    static String newName(CommandContext ctx, String decoded) {
        return Rev2.on(ctx) ? Rev2.normalized(decoded) : decoded;
    }

    /**
     * RFC 9051 §6.3.4 and §6.3.6: when the normalized name differs from the supplied one, the server
     * SHOULD return an untagged LIST response with an OLDNAME extended data item, its value the
     * supplied name and the name parameter the normalized one. Every mailbox counts as subscribed
     * here, so the response carries \Subscribed, which §6.3.6 then requires.
     */
    static void announceNormalized(CommandContext ctx, String newName, String suppliedName) {
        List<Mailbox> all = ctx.store().mailboxes(ctx.user().id());
        Optional<Mailbox> made = all.stream().filter(m -> m.name().equals(newName)).findFirst();
        if (made.isEmpty()) {
            return; // gone again already (another session): nothing true to announce
        }
        List<String> attrs = ListCommand.attributes(made.get(), all);
        attrs.add("\\Subscribed");
        // RFC 9051 §9: oldname-extended-item = "OLDNAME" SP "(" mailbox ")"
        ctx.untagged("LIST (" + String.join(" ", attrs) + ") \"/\" " + quoted(ctx, made.get())
                + " (\"OLDNAME\" (" + quoted(ctx, suppliedName) + "))");
    }

    static String wireName(Mailbox m) {
        return m.role() == MailboxRole.INBOX ? "INBOX" : MailboxNames.encode(m.name());
    }

    /** The mailbox name as an astring in a response. */
    static String quoted(CommandContext ctx, Mailbox m) {
        return quoted(ctx, m.role() == MailboxRole.INBOX ? "INBOX" : m.name());
    }

    /** {@code name} (decoded) as an astring in a response: modified UTF-7, or UTF-8 under IMAP4rev2. */
    static String quoted(CommandContext ctx, String name) {
        if (!Rev2.on(ctx)) {
            return new String(new ResponseBuilder().astring(MailboxNames.encode(name)).toBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        if (name.chars().allMatch(c -> c < 0x80)) {
            return new String(new ResponseBuilder().astring(name).toBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // RFC 9051 §9 quoted: UTF-8 characters may stand in a quoted string (QUOTED-CHAR / UTF8-2..4).
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** RFC 3501 §6.3.8: "*" matches anything, "%" anything but the delimiter. */
    static Pattern pattern(String reference, String pattern) {
        String full = reference + pattern;
        StringBuilder re = new StringBuilder();
        for (char c : full.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '%') {
                re.append("[^").append(Pattern.quote(String.valueOf(DELIMITER))).append("]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    static boolean hasChildren(Mailbox m, List<Mailbox> all) {
        String prefix = m.name() + DELIMITER;
        return all.stream().anyMatch(x -> x.name().startsWith(prefix));
    }
}
