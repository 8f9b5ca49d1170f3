package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.NotFoundException;

/** RFC 3501 §6.4.6 STORE and §6.4.8 UID STORE: FLAGS, +FLAGS, -FLAGS, each optionally .SILENT. */
final class StoreCommand implements Command {
    private static final List<String> SYSTEM = List.of(Flags.SEEN, Flags.ANSWERED, Flags.FLAGGED, Flags.DELETED,
            Flags.DRAFT);
    private final boolean uid;

    StoreCommand(boolean uid) {
        this.uid = uid;
    }

    @Override public String name() { return "STORE"; }
    @Override public Set<ImapState> validIn() { return States.SELECTED; }
    @Override public boolean expungeUpdatesAllowed() { return uid; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        SequenceSet set = args.sequenceSet();
        long unchangedSince = -1;
        if (args.peekIsList()) {
            // RFC 7162 §3.1.3: STORE set (UNCHANGEDSINCE modseq) ... changes only messages not modified since.
            ArgReader mods = new ArgReader(args.list());
            while (mods.hasMore()) {
                String m = mods.keyword();
                if (!m.equals("UNCHANGEDSINCE")) {
                    throw new ImapSyntaxException("unknown STORE modifier " + m);
                }
                unchangedSince = mods.number();
            }
            Condstore.enable(ctx);
        }
        String item = args.keyword();
        boolean silent = item.endsWith(".SILENT");
        String op = silent ? item.substring(0, item.length() - ".SILENT".length()) : item;
        if (!op.equals("FLAGS") && !op.equals("+FLAGS") && !op.equals("-FLAGS")) {
            throw new ImapSyntaxException("unknown STORE item " + item);
        }
        List<String> given = new ArrayList<>();
        if (args.peekIsList()) {
            for (Arg a : args.list()) {
                given.add(flag(a));
            }
        } else {
            while (args.hasMore()) {
                given.add(flag(args.next()));
            }
        }
        args.end();
        if (ctx.selected().readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        // \Recent is the server's to set (RFC 3501 §2.3.2); it is not kept here at all.
        given.removeIf(f -> f.equalsIgnoreCase("\\Recent"));
        boolean modSeqOn = Condstore.on(ctx);
        List<Long> modified = new ArrayList<>();
        List<Target> targets = Target.summaries(ctx, set, uid);
        SortedMap<Long, Set<String>> changes = new TreeMap<>();
        List<Target> touched = new ArrayList<>(targets.size());
        for (Target t : targets) {
            if (unchangedSince >= 0 && t.meta().modSeq() > unchangedSince) {
                modified.add(uid ? t.meta().uid() : t.seq());
                continue;
            }
            touched.add(t);
            Set<String> flags = new TreeSet<>(t.meta().flags());
            switch (op) {
                case "FLAGS" -> {
                    flags.clear();
                    flags.addAll(given);
                }
                case "+FLAGS" -> flags.addAll(given);
                default -> given.forEach(flags::remove);
            }
            if (!flags.equals(t.meta().flags())) {
                changes.put(t.meta().uid(), flags);
            }
        }
        // One transaction for the whole set; each message still gets its own MODSEQ (RFC 7162 §3.1.1).
        Map<Long, MessageMeta> changed = new HashMap<>();
        if (!changes.isEmpty()) {
            try {
                for (MessageMeta m : ctx.store().setFlags(ctx.selected().id(), changes)) {
                    changed.put(m.uid(), m);
                    ctx.selected().flagsChanged(m.uid(), m.modSeq());
                }
            } catch (NotFoundException e) {
                // the mailbox was deleted by another session meanwhile: nothing was changed
            }
        }
        for (Target t : touched) {
            MessageMeta now = changed.getOrDefault(t.meta().uid(), t.meta());
            if (changes.containsKey(t.meta().uid()) && !changed.containsKey(t.meta().uid())) {
                continue; // expunged by another session meanwhile
            }
            if (!silent) {
                ctx.untagged(t.seq() + " FETCH (" + (uid ? "UID " + now.uid() + " " : "") + "FLAGS ("
                        + String.join(" ", now.flags()) + ")" + (modSeqOn ? " MODSEQ (" + now.modSeq() + ")" : "") + ")");
            }
        }
        if (!modified.isEmpty()) {
            return Outcome.ok("MODIFIED " + SequenceSet.render(modified), "Conditional STORE failed for some messages");
        }
        return Outcome.ok((uid ? "UID " : "") + "STORE completed");
    }

    /** One flag: a known system flag in its canonical case, or a keyword atom (RFC 3501 §9 flag). */
    static String flag(Arg a) throws ImapSyntaxException {
        if (!(a instanceof Arg.Atom atom)) {
            throw new ImapSyntaxException("a flag must be an atom: " + a);
        }
        String f = atom.value();
        if (f.startsWith("\\")) {
            if (f.equalsIgnoreCase("\\Recent")) {
                return "\\Recent";
            }
            for (String s : SYSTEM) {
                if (s.equalsIgnoreCase(f)) {
                    return s;
                }
            }
            throw new ImapSyntaxException("unknown system flag " + f);
        }
        try {
            Flags.normalize(List.of(f));
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("invalid keyword " + f);
        }
        return f;
    }
}
