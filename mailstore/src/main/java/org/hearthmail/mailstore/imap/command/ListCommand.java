package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.MailboxNames;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Mailbox;

/**
 * RFC 3501 §6.3.8 LIST and §6.3.9 LSUB, with the RFC 6154 special-use attributes and the
 * SPECIAL-USE / SUBSCRIBED selection options of RFC 5258 §3. Every mailbox counts as subscribed.
 */
final class ListCommand implements Command {
    private final boolean lsub;

    ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    @Override public String name() { return lsub ? "LSUB" : "LIST"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        boolean specialUseOnly = false;
        boolean subscribedAttr = false;
        if (!lsub && args.peekIsList()) {
            for (Arg o : args.list()) {
                String opt = o.toString().toUpperCase(Locale.ROOT);
                if (opt.equals("SPECIAL-USE")) {
                    specialUseOnly = true;
                } else if (opt.equals("SUBSCRIBED")) {
                    subscribedAttr = true;
                }
            }
        }
        String reference = MailboxNames.decode(args.astring());
        List<String> patterns = new ArrayList<>();
        if (!lsub && args.peekIsList()) {
            for (Arg p : args.list()) {
                patterns.add(MailboxNames.decode(p instanceof Arg.Str s ? s.text() : p.toString()));
            }
        } else {
            patterns.add(MailboxNames.decode(args.astring()));
        }
        if (!lsub && args.accept("RETURN")) {
            for (Arg o : args.list()) {
                if (o.toString().equalsIgnoreCase("SUBSCRIBED")) {
                    subscribedAttr = true;
                }
            }
        }
        args.end();
        String word = lsub ? "LSUB" : "LIST";
        if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
            // RFC 3501 §6.3.8: an empty pattern asks for the delimiter and the root.
            ctx.untagged(word + " (\\Noselect) \"/\" \"\"");
            return Outcome.ok(word + " completed");
        }
        List<Mailbox> all = ctx.store().mailboxes(ctx.user().id());
        for (Mailbox m : all) {
            String shown = Mailboxes.wireName(m).equals("INBOX") ? "INBOX" : m.name();
            boolean match = false;
            for (String p : patterns) {
                Pattern re = Mailboxes.pattern(reference, p);
                match |= re.matcher(shown).matches()
                        || (shown.equals("INBOX") && re.matcher("inbox").matches())
                        || (shown.equals("INBOX") && Pattern.compile(re.pattern(), Pattern.CASE_INSENSITIVE)
                        .matcher(shown).matches());
            }
            if (!match || (specialUseOnly && m.role().specialUseAttribute().isEmpty())) {
                continue;
            }
            List<String> attrs = new ArrayList<>();
            attrs.add(Mailboxes.hasChildren(m, all) ? "\\HasChildren" : "\\HasNoChildren");
            m.role().specialUseAttribute().ifPresent(attrs::add);
            if (subscribedAttr) {
                attrs.add("\\Subscribed");
            }
            ctx.untagged(word + " (" + String.join(" ", attrs) + ") \"/\" " + Mailboxes.quoted(m));
        }
        return Outcome.ok(word + " completed");
    }
}
