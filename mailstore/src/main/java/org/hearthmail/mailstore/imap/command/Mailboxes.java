package org.hearthmail.mailstore.imap.command;

import java.util.List;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.MailboxNames;
import org.hearthmail.mailstore.imap.proto.ResponseBuilder;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;

/** Mailbox names on the wire (modified UTF-7, "/" as hierarchy delimiter) and lookups. */
final class Mailboxes {
    static final char DELIMITER = org.hearthmail.mailstore.store.MailboxStore.HIERARCHY_DELIMITER;

    private Mailboxes() {
    }

    static String decode(String wire) throws ImapSyntaxException {
        String name = MailboxNames.decode(wire);
        // RFC 3501 §5.1: INBOX is case-insensitive.
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    static Mailbox find(CommandContext ctx, String wire) throws ImapSyntaxException, ImapException {
        return ctx.store().mailbox(ctx.user().id(), decode(wire))
                .orElseThrow(() -> ImapException.no("NONEXISTENT", "No such mailbox"));
    }

    static String wireName(Mailbox m) {
        return m.role() == MailboxRole.INBOX ? "INBOX" : MailboxNames.encode(m.name());
    }

    /** The mailbox name as an astring in a response. */
    static String quoted(Mailbox m) {
        return new String(new ResponseBuilder().astring(wireName(m)).toBytes(), java.nio.charset.StandardCharsets.UTF_8);
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
