package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.imap.mime.Section;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/** One data item of FETCH (RFC 3501 §6.4.5). */
sealed interface FetchItem {

    enum Kind { UID, FLAGS, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE, MODSEQ }

    /** An item computed from metadata or the parse cache. */
    record Simple(Kind kind) implements FetchItem {
    }

    /**
     * A body section. {@code label} is what the response names it ({@code BODY[HEADER]},
     * {@code RFC822}); {@code origin} and {@code length} are the partial range, origin -1 for none.
     */
    record Body(Section section, String label, boolean peek, long origin, long length) implements FetchItem {
    }

    /** Parses the item list of FETCH: a macro, one item, or a parenthesized list. */
    static List<FetchItem> parse(Arg arg) throws ImapSyntaxException {
        List<FetchItem> out = new ArrayList<>();
        if (arg instanceof Arg.ListArg l) {
            if (l.items().isEmpty()) {
                throw new ImapSyntaxException("empty FETCH item list");
            }
            for (Arg a : l.items()) {
                if (!(a instanceof Arg.Atom atom)) {
                    throw new ImapSyntaxException("invalid FETCH item " + a);
                }
                out.add(item(atom.value()));
            }
            return out;
        }
        if (!(arg instanceof Arg.Atom atom)) {
            throw new ImapSyntaxException("invalid FETCH item " + arg);
        }
        String a = atom.value().toUpperCase(Locale.ROOT);
        switch (a) {
            case "ALL" -> out.addAll(List.of(simple(Kind.FLAGS), simple(Kind.INTERNALDATE), simple(Kind.RFC822_SIZE),
                    simple(Kind.ENVELOPE)));
            case "FAST" -> out.addAll(List.of(simple(Kind.FLAGS), simple(Kind.INTERNALDATE), simple(Kind.RFC822_SIZE)));
            case "FULL" -> out.addAll(List.of(simple(Kind.FLAGS), simple(Kind.INTERNALDATE), simple(Kind.RFC822_SIZE),
                    simple(Kind.ENVELOPE), simple(Kind.BODY)));
            default -> out.add(item(atom.value()));
        }
        return out;
    }

    private static Simple simple(Kind k) {
        return new Simple(k);
    }

    private static FetchItem item(String text) throws ImapSyntaxException {
        String u = text.toUpperCase(Locale.ROOT);
        switch (u) {
            case "UID": return simple(Kind.UID);
            case "FLAGS": return simple(Kind.FLAGS);
            case "INTERNALDATE": return simple(Kind.INTERNALDATE);
            case "RFC822.SIZE": return simple(Kind.RFC822_SIZE);
            case "ENVELOPE": return simple(Kind.ENVELOPE);
            case "BODY": return simple(Kind.BODY);
            case "BODYSTRUCTURE": return simple(Kind.BODYSTRUCTURE);
            case "MODSEQ": return simple(Kind.MODSEQ); // RFC 7162 §3.1.4
            // RFC 3501 §6.4.5: RFC822 = BODY[], RFC822.HEADER = BODY.PEEK[HEADER], RFC822.TEXT = BODY[TEXT].
            case "RFC822": return new Body(Section.parse(""), "RFC822", false, -1, 0);
            case "RFC822.HEADER": return new Body(Section.parse("HEADER"), "RFC822.HEADER", true, -1, 0);
            case "RFC822.TEXT": return new Body(Section.parse("TEXT"), "RFC822.TEXT", false, -1, 0);
            default: break;
        }
        boolean peek = u.startsWith("BODY.PEEK[");
        if (!peek && !u.startsWith("BODY[")) {
            throw new ImapSyntaxException("unknown FETCH item " + text);
        }
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        if (close < open) {
            throw new ImapSyntaxException("unterminated section in " + text);
        }
        String spec = text.substring(open + 1, close);
        Section section = Section.parse(spec);
        String rest = text.substring(close + 1);
        long origin = -1;
        long length = 0;
        if (!rest.isEmpty()) {
            // RFC 3501 §6.4.5: <origin.length>
            if (!rest.startsWith("<") || !rest.endsWith(">") || rest.indexOf('.') < 0) {
                throw new ImapSyntaxException("invalid partial " + rest);
            }
            String[] p = rest.substring(1, rest.length() - 1).split("\\.", 2);
            try {
                origin = Long.parseLong(p[0]);
                length = Long.parseLong(p[1]);
            } catch (NumberFormatException e) {
                throw new ImapSyntaxException("invalid partial " + rest);
            }
            if (origin < 0 || length <= 0) {
                throw new ImapSyntaxException("invalid partial " + rest);
            }
        }
        return new Body(section, "BODY[" + spec + "]", peek, origin, length);
    }
}
