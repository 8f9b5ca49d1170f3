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

    /**
     * RFC 3516 §4.2 / RFC 9051 §6.4.5: BINARY[part]&lt;partial&gt;, BINARY.PEEK and BINARY.SIZE, the
     * part's content with its transfer encoding removed. {@code origin} -1 for no partial range.
     */
    record Binary(List<Integer> part, boolean peek, boolean sizeOnly, long origin, long length) implements FetchItem {
        public Binary {
            part = List.copyOf(part);
        }

        /** The section as the response names it, e.g. {@code BINARY[1.2]} or {@code BINARY.SIZE[1]}. */
        String label() {
            StringBuilder sb = new StringBuilder(sizeOnly ? "BINARY.SIZE[" : "BINARY[");
            for (int i = 0; i < part.size(); i++) {
                sb.append(i == 0 ? "" : ".").append(part.get(i));
            }
            return sb.append(']').toString();
        }
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
        boolean binary = u.startsWith("BINARY[") || u.startsWith("BINARY.PEEK[") || u.startsWith("BINARY.SIZE[");
        boolean peek = u.startsWith("BODY.PEEK[") || u.startsWith("BINARY.PEEK[");
        if (!binary && !peek && !u.startsWith("BODY[")) {
            throw new ImapSyntaxException("unknown FETCH item " + text);
        }
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        if (close < open) {
            throw new ImapSyntaxException("unterminated section in " + text);
        }
        String spec = text.substring(open + 1, close);
        Section section = Section.parse(spec);
        long[] range = partial(text.substring(close + 1));
        if (!binary) {
            return new Body(section, "BODY[" + spec + "]", peek, range[0], range[1]);
        }
        // RFC 3516 §4.2: section-binary = "[" [section-part] "]", part numbers only.
        if (section.kind() != Section.Kind.ALL || spec.strip().endsWith(".")) {
            throw new ImapSyntaxException("BINARY takes part numbers only: " + text);
        }
        boolean size = u.startsWith("BINARY.SIZE[");
        if (size && range[0] >= 0) {
            throw new ImapSyntaxException("BINARY.SIZE takes no partial range");
        }
        return new Binary(section.part(), peek || size, size, range[0], range[1]);
    }

    /** {@code <origin.length>} after a section, as {origin, length}; {-1, 0} when absent. */
    private static long[] partial(String rest) throws ImapSyntaxException {
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
        return new long[] {origin, length};
    }
}
