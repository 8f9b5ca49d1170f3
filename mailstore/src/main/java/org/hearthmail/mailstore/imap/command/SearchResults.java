package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;

/**
 * RFC 5182 SEARCHRES (part of IMAP4rev2, RFC 9051 §6.4.4.1): SEARCH RETURN (SAVE) keeps its result
 * in the selected mailbox's view, and {@code $} stands for it in later commands.
 */
final class SearchResults {
    static final String SAVE = "SAVE";
    /** Keys whose next argument is a string, where an atom {@code $} is text, not the saved result. */
    private static final Set<String> STRING_KEYS = Set.of("FROM", "TO", "CC", "BCC", "SUBJECT", "BODY", "TEXT",
            "KEYWORD", "UNKEYWORD");

    private SearchResults() {
    }

    /**
     * Replaces {@code $} in SEARCH criteria (RFC 5182 §2.1) with the saved UIDs: {@code UID set}, or a
     * criterion that matches nothing when the result is empty. Lists are rewritten inside too.
     */
    static List<Arg> substitute(SelectedMailbox view, List<Arg> criteria) {
        List<Arg> out = new ArrayList<>(criteria.size());
        for (Arg a : criteria) {
            if (a instanceof Arg.ListArg l) {
                out.add(new Arg.ListArg(substitute(view, l.items())));
            } else if (a instanceof Arg.Atom atom && atom.value().equals("$") && !isText(out)) {
                boolean afterUid = !out.isEmpty() && out.get(out.size() - 1) instanceof Arg.Atom prev
                        && prev.value().equalsIgnoreCase("UID");
                if (afterUid) {
                    out.remove(out.size() - 1);
                }
                SequenceSet saved = view.savedResult();
                out.add(saved.ranges().isEmpty()
                        ? new Arg.ListArg(List.of(new Arg.Atom("NOT"), new Arg.Atom("ALL")))
                        : new Arg.ListArg(List.of(new Arg.Atom("UID"), new Arg.Atom(saved.toString()))));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** True when the argument after {@code before} is the string of a key (SUBJECT $, HEADER X-Tag $). */
    private static boolean isText(List<Arg> before) {
        int n = before.size();
        return n >= 1 && before.get(n - 1) instanceof Arg.Atom k && STRING_KEYS.contains(k.value().toUpperCase(Locale.ROOT))
                || n >= 2 && before.get(n - 2) instanceof Arg.Atom h && h.value().equalsIgnoreCase("HEADER");
    }

    /**
     * Keeps the result of a SEARCH with SAVE (RFC 5182 §2.4): everything it found, or only its
     * lowest and/or highest message when MIN or MAX were asked for without ALL or COUNT.
     */
    static void save(SelectedMailbox view, List<String> ret, List<Long> foundUids) {
        boolean whole = ret.contains("ALL") || ret.contains("COUNT") || (!ret.contains("MIN") && !ret.contains("MAX"));
        if (whole || foundUids.isEmpty()) {
            view.saveResult(foundUids);
            return;
        }
        List<Long> kept = new ArrayList<>();
        if (ret.contains("MIN")) {
            kept.add(foundUids.get(0));
        }
        if (ret.contains("MAX") && (kept.isEmpty() || kept.get(0) != foundUids.get(foundUids.size() - 1))) {
            kept.add(foundUids.get(foundUids.size() - 1));
        }
        view.saveResult(kept);
    }
}
