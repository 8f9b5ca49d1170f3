package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Mailbox;

/**
 * RFC 3501 §6.3.8 LIST and §6.3.9 LSUB, extended by RFC 5258 (selection options SUBSCRIBED,
 * REMOTE, RECURSIVEMATCH, several patterns, return options), RFC 6154 (SPECIAL-USE) and RFC 5819
 * (RETURN (STATUS ...)). Every mailbox counts as subscribed. Under IMAP4rev2 a level of the
 * hierarchy that is no mailbox but has children is listed as \NonExistent (RFC 9051 §6.3.9).
 */
final class ListCommand implements Command {
    private final boolean lsub;

    ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    @Override public String name() { return lsub ? "LSUB" : "LIST"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    /** The options of one LIST command. */
    private static final class Options {
        boolean specialUseOnly;
        boolean subscribed;
        boolean recursive;
        List<Arg> status;
    }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        Options o = new Options();
        if (!lsub && args.peekIsList()) {
            selection(args.list(), o);
        }
        String reference = Mailboxes.name(ctx, args.astring());
        List<String> patterns = new ArrayList<>();
        if (!lsub && args.peekIsList()) {
            for (Arg p : args.list()) {
                patterns.add(Mailboxes.name(ctx, p instanceof Arg.Str s ? s.text() : p.toString()));
            }
        } else {
            patterns.add(Mailboxes.name(ctx, args.astring()));
        }
        if (!lsub && args.accept("RETURN")) {
            returns(args.list(), o);
        }
        args.end();
        String word = name();
        if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
            // RFC 3501 §6.3.8: an empty pattern asks for the delimiter and the root.
            ctx.untagged(word + " (\\Noselect) \"/\" \"\"");
            return Outcome.ok(word + " completed");
        }
        List<Mailbox> all = ctx.store().mailboxes(ctx.user().id());
        for (Mailbox m : all) {
            if (!matches(m, reference, patterns) || (o.specialUseOnly && m.role().specialUseAttribute().isEmpty())) {
                continue;
            }
            boolean children = Mailboxes.hasChildren(m, all);
            List<String> attrs = attributes(m, all);
            if (o.subscribed) {
                attrs.add("\\Subscribed");
            }
            // RFC 5258 §3.5: with RECURSIVEMATCH, a parent says which criterion its children meet.
            String ext = o.recursive && children ? " (\"CHILDINFO\" (\"SUBSCRIBED\"))" : "";
            ctx.untagged(word + " (" + String.join(" ", attrs) + ") \"/\" " + Mailboxes.quoted(ctx, m) + ext);
            if (o.status != null) {
                // RFC 5819 §2: a STATUS response follows the LIST response of each selectable mailbox.
                ctx.untagged("STATUS " + Mailboxes.quoted(ctx, m) + " (" + StatusCommand.items(ctx, m, o.status) + ")");
            }
        }
        if (Rev2.on(ctx) && !o.subscribed && !o.specialUseOnly) {
            nonExistentLevels(ctx, word, all, reference, patterns);
        }
        return Outcome.ok(word + " completed");
    }

    /** The attributes every LIST response of {@code m} carries: CHILDREN (RFC 3348) and SPECIAL-USE. */
    static List<String> attributes(Mailbox m, List<Mailbox> all) {
        List<String> attrs = new ArrayList<>();
        attrs.add(Mailboxes.hasChildren(m, all) ? "\\HasChildren" : "\\HasNoChildren");
        m.role().specialUseAttribute().ifPresent(attrs::add);
        return attrs;
    }

    /**
     * RFC 9051 §6.3.9: when "%" ends a pattern, the hierarchy levels it matches are listed even when
     * they are no mailbox (here: a parent deleted while its children stay), as \NonExistent, which
     * implies \Noselect (§7.3.1). Sent only under IMAP4rev2, so rev1 sessions see what they did before.
     */
    private static void nonExistentLevels(CommandContext ctx, String word, List<Mailbox> all, String reference,
                                          List<String> patterns) {
        Set<String> names = new HashSet<>();
        all.forEach(m -> names.add(m.name()));
        Set<String> levels = new TreeSet<>();
        for (Mailbox m : all) {
            int slash = -1;
            while ((slash = m.name().indexOf(Mailboxes.DELIMITER, slash + 1)) > 0) {
                String parent = m.name().substring(0, slash);
                if (!names.contains(parent)) {
                    levels.add(parent);
                }
            }
        }
        for (String level : levels) {
            boolean matched = patterns.stream().anyMatch(p -> p.endsWith("%")
                    && Mailboxes.pattern(reference, p).matcher(level).matches());
            if (matched) {
                ctx.untagged(word + " (\\NonExistent \\HasChildren) \"/\" " + Mailboxes.quoted(ctx, level));
            }
        }
    }

    private static void selection(List<Arg> opts, Options o) throws ImapSyntaxException {
        for (Arg a : opts) {
            switch (a.toString().toUpperCase(Locale.ROOT)) {
                case "SPECIAL-USE" -> o.specialUseOnly = true;
                case "SUBSCRIBED" -> o.subscribed = true;
                case "REMOTE" -> { } // RFC 5258 §3.1: nothing is remote here
                case "RECURSIVEMATCH" -> o.recursive = true;
                default -> throw new ImapSyntaxException("unknown LIST selection option " + a);
            }
        }
        // RFC 5258 §3.1: RECURSIVEMATCH needs another selection option.
        if (o.recursive && !o.subscribed && !o.specialUseOnly) {
            throw new ImapSyntaxException("RECURSIVEMATCH needs SUBSCRIBED or SPECIAL-USE");
        }
        o.recursive &= o.subscribed;
    }

    private static void returns(List<Arg> opts, Options o) throws ImapSyntaxException {
        ArgReader r = new ArgReader(opts);
        while (r.hasMore()) {
            String opt = r.atom().toUpperCase(Locale.ROOT);
            switch (opt) {
                case "SUBSCRIBED" -> o.subscribed = true;
                case "CHILDREN", "SPECIAL-USE" -> { } // sent anyway
                case "STATUS" -> o.status = r.list();
                default -> throw new ImapSyntaxException("unknown LIST return option " + opt);
            }
        }
    }

    private static boolean matches(Mailbox m, String reference, List<String> patterns) {
        String shown = Mailboxes.wireName(m).equals("INBOX") ? "INBOX" : m.name();
        for (String p : patterns) {
            Pattern re = Mailboxes.pattern(reference, p);
            // RFC 3501 §5.1: INBOX matches case-insensitively.
            if (re.matcher(shown).matches() || (shown.equals("INBOX")
                    && Pattern.compile(re.pattern(), Pattern.CASE_INSENSITIVE).matcher(shown).matches())) {
                return true;
            }
        }
        return false;
    }
}
