package org.hearthmail.mailstore.imap.proto;

import java.util.List;
import java.util.Locale;

/** A cursor over a command's arguments with typed accessors; every mismatch is an {@link ImapSyntaxException}. */
public final class ArgReader {
    private final List<Arg> args;
    private int pos;

    public ArgReader(List<Arg> args) {
        this.args = args;
    }

    public boolean hasMore() {
        return pos < args.size();
    }

    public Arg peek() {
        return hasMore() ? args.get(pos) : null;
    }

    public Arg next() throws ImapSyntaxException {
        if (!hasMore()) {
            throw new ImapSyntaxException("missing argument");
        }
        return args.get(pos++);
    }

    /** An atom, upper-cased. */
    public String keyword() throws ImapSyntaxException {
        return atom().toUpperCase(Locale.ROOT);
    }

    public String atom() throws ImapSyntaxException {
        Arg a = next();
        if (!(a instanceof Arg.Atom atom)) {
            throw new ImapSyntaxException("expected an atom, got " + a);
        }
        return atom.value();
    }

    /** RFC 3501 §9 astring: an atom or a string. */
    public String astring() throws ImapSyntaxException {
        Arg a = next();
        if (a instanceof Arg.Atom atom) {
            return atom.value();
        }
        if (a instanceof Arg.Str s) {
            return s.text();
        }
        throw new ImapSyntaxException("expected a string, got a list");
    }

    /** A quoted string or literal, as bytes. */
    public byte[] literalOrString() throws ImapSyntaxException {
        Arg a = next();
        if (a instanceof Arg.Str s) {
            return s.bytes();
        }
        throw new ImapSyntaxException("expected a string or literal, got " + a);
    }

    public List<Arg> list() throws ImapSyntaxException {
        Arg a = next();
        if (a instanceof Arg.ListArg l) {
            return l.items();
        }
        throw new ImapSyntaxException("expected a parenthesized list, got " + a);
    }

    public boolean peekIsList() {
        return peek() instanceof Arg.ListArg;
    }

    /** Consumes the next argument if it is the atom {@code word} (case-insensitive). */
    public boolean accept(String word) {
        if (peek() instanceof Arg.Atom a && a.value().equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    public long number() throws ImapSyntaxException {
        String s = atom();
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ImapSyntaxException("expected a number, got " + s);
        }
        return Long.parseLong(s);
    }

    public SequenceSet sequenceSet() throws ImapSyntaxException {
        return SequenceSet.parse(atom());
    }

    /** The arguments not read yet; the reader is at its end afterwards. */
    public List<Arg> rest() {
        List<Arg> r = args.subList(pos, args.size());
        pos = args.size();
        return r;
    }

    public void end() throws ImapSyntaxException {
        if (hasMore()) {
            throw new ImapSyntaxException("unexpected argument " + peek());
        }
    }
}
