package org.hearthmail.mailstore.imap.proto;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One argument of a command as the parser framed it (RFC 3501 §4). */
public sealed interface Arg {

    /**
     * An atom, including everything bracketed inside it: {@code BODY[HEADER.FIELDS (From)]<0.10>} is
     * one atom. NIL, flags ({@code \Seen}) and sequence sets arrive as atoms too.
     */
    record Atom(String value) implements Arg {
        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * A quoted string or a literal (RFC 3501 §4.3); {@code literal} says which it was, {@code binary}
     * that it was a literal8 ({@code ~{n}}, RFC 3516 §4.4), the only form that may carry NUL.
     */
    record Str(byte[] bytes, boolean literal, boolean binary) implements Arg {
        public Str(byte[] bytes, boolean literal) {
            this(bytes, literal, false);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return literal ? (binary ? "~{" : "{") + bytes.length + "}" : '"' + text() + '"';
        }
    }

    /** A parenthesized list (RFC 3501 §4.4). */
    record ListArg(List<Arg> items) implements Arg {
        public ListArg {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }
}
