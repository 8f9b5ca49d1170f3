package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.BitSet;
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
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;
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
        List<Current> targets = current(ctx, set, uid);
        SortedMap<Long, Set<String>> changes = new TreeMap<>();
        List<Current> touched = new ArrayList<>(targets.size());
        for (Current t : targets) {
            if (unchangedSince >= 0 && t.modSeq() > unchangedSince) {
                modified.add(uid ? t.uid() : t.seq());
                continue;
            }
            touched.add(t);
            Set<String> flags = new TreeSet<>(t.flags());
            switch (op) {
                case "FLAGS" -> {
                    flags.clear();
                    flags.addAll(given);
                }
                case "+FLAGS" -> flags.addAll(given);
                default -> given.forEach(flags::remove);
            }
            if (!flags.equals(t.flags())) {
                changes.put(t.uid(), flags);
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
        for (Current t : touched) {
            if (changes.containsKey(t.uid()) && !changed.containsKey(t.uid())) {
                continue; // expunged by another session meanwhile
            }
            if (!silent) {
                MessageMeta now = changed.get(t.uid());
                Set<String> flags = now == null ? t.flags() : now.flags();
                long modSeq = now == null ? t.modSeq() : now.modSeq();
                ctx.untagged(t.seq() + " FETCH (" + (uid ? "UID " + t.uid() + " " : "") + "FLAGS ("
                        + String.join(" ", flags) + ")" + (modSeqOn ? " MODSEQ (" + modSeq + ")" : "") + ")");
            }
        }
        if (!modified.isEmpty()) {
            return Outcome.ok("MODIFIED " + SequenceSet.render(modified), "Conditional STORE failed for some messages");
        }
        return Outcome.ok((uid ? "UID " : "") + "STORE completed");
    }

    /** A message to change as it is now: sequence number, UID, MODSEQ and flags. */
    private record Current(int seq, long uid, long modSeq, Set<String> flags) {
    }

    /**
     * The messages {@code set} names, with their flags and MODSEQ from the shared mailbox view (no
     * read of the store), or from the store's rows for a session without one. Messages expunged
     * by another session and not yet reported are left out.
     */
    private static List<Current> current(CommandContext ctx, SequenceSet set, boolean uid) {
        SelectedMailbox view = ctx.selected();
        List<Current> out = new ArrayList<>();
        if (view.shared() == null) {
            for (Target t : Target.summaries(ctx, set, uid)) {
                out.add(new Current(t.seq(), t.meta().uid(), t.meta().modSeq(), t.meta().flags()));
            }
            return out;
        }
        ViewSnapshot now = view.shared().sync();
        BitSet seqs = Target.seqs(view, set, uid);
        for (int seq = seqs.nextSetBit(1); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
            int i = now.indexOf(view.uidAt(seq));
            if (i >= 0) {
                out.add(new Current(seq, now.uid(i), now.modSeq(i), now.flags(i)));
            }
        }
        return out;
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
