package org.hearthmail.mailstore.imap.proto;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Frames IMAP client input (RFC 3501 §2.2, §9) byte by byte as an explicit state machine: tag,
 * command name, arguments (atoms, quoted strings, literals, lists). It does no I/O: it reads what
 * is in the buffer and returns an event, or null when it needs more bytes. Not thread-safe: one
 * per connection.
 */
public final class RequestParser {

    /** How the next bytes are read. */
    public enum Mode {
        /** Tagged commands. */
        COMMAND,
        /** One raw line (an AUTHENTICATE response, IDLE's DONE). */
        LINE
    }

    private enum State {
        TAG, NAME, ARG_START, ATOM, QUOTED, QUOTED_ESCAPE, LITERAL_SIZE, LITERAL_EOL, LITERAL_DATA,
        END_LF, DISCARD, DISCARD_LITERAL, RAW_LINE
    }

    private static final int TAIL = 24;

    private final ParserLimits limits;
    private Mode mode = Mode.COMMAND;
    private State state = State.TAG;
    private final ByteAccumulator token = new ByteAccumulator();
    private String tag;
    private String name;
    private final Deque<List<Arg>> stack = new ArrayDeque<>();
    private List<Arg> current = new ArrayList<>();
    private int bracketDepth;
    private int argCount;
    private int lineBytes;
    private long literalSize;
    private boolean literalNonSync;
    private boolean literalDigits;
    private boolean literalBinary;
    private ByteAccumulator literal;
    private long discardRemaining;
    private final byte[] tail = new byte[TAIL];
    private int tailLen;
    private boolean lastWasCr;
    private boolean appendLiterals;

    public RequestParser(ParserLimits limits) {
        this.limits = limits;
    }

    public ParserLimits limits() {
        return limits;
    }

    /** Switches how the next line is read; takes effect at the start of the next command or line. */
    public void mode(Mode next) {
        mode = next;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Lets APPEND literals grow to {@link ParserLimits#maxAppendBytes()}; until then (before login)
     * they get {@link ParserLimits#maxLiteralBytes()} like any other literal, so an unauthenticated
     * client cannot make the server hold a message-sized buffer.
     */
    public void allowAppendLiterals(boolean allow) {
        appendLiterals = allow;
    }

    /** Consumes bytes of {@code in} up to the next event and returns it, or null when more input is needed. */
    public ParseEvent next(ByteBuf in) {
        while (in.isReadable()) {
            ParseEvent e;
            switch (state) {
                case LITERAL_DATA -> e = literalData(in);
                case DISCARD_LITERAL -> e = discardLiteral(in);
                default -> e = onByte(in.readByte());
            }
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private ParseEvent onByte(byte b) {
        if (state != State.DISCARD && state != State.RAW_LINE && ++lineBytes > limits.maxLineBytes()) {
            // RFC 7162 §4: servers must accept at least 8192-octet command lines; ours take maxLineBytes.
            return reject("command line too long (limit " + limits.maxLineBytes() + " octets)", b);
        }
        return switch (state) {
            case TAG -> tag(b);
            case NAME -> name(b);
            case ARG_START -> argStart(b);
            case ATOM -> atom(b);
            case QUOTED -> quoted(b);
            case QUOTED_ESCAPE -> quotedEscape(b);
            case LITERAL_SIZE -> literalSize(b);
            case LITERAL_EOL -> literalEol(b);
            case END_LF -> b == '\n' ? finish() : reject("CR not followed by LF", b);
            case DISCARD -> discard(b);
            case RAW_LINE -> rawLine(b);
            default -> throw new IllegalStateException(state.name());
        };
    }

    // ---- tag and command name ---------------------------------------------------------------

    private ParseEvent tag(byte b) {
        if (mode == Mode.LINE) {
            state = State.RAW_LINE;
            return rawLine(b);
        }
        if (b == ' ' && token.size() > 0) {
            tag = token.ascii();
            token.clear();
            state = State.NAME;
            return null;
        }
        if (b == '\r' || b == '\n') {
            return reject(token.size() == 0 ? "empty command line" : "missing command name", b);
        }
        // RFC 3501 §9: tag = 1*<any ASTRING-CHAR except "+">
        if (!isAtomChar(b) && b != ']' || b == '+' || b == '\\' || b == '%' || b == '*') {
            return reject("invalid character in tag", b);
        }
        token.add(b);
        return null;
    }

    private ParseEvent name(byte b) {
        if (b == ' ' || b == '\r' || b == '\n') {
            if (token.size() == 0) {
                return reject("missing command name", b);
            }
            name = token.ascii().toUpperCase(Locale.ROOT);
            token.clear();
            state = State.ARG_START;
            return b == ' ' ? null : argStart(b);
        }
        if (!isAtomChar(b)) {
            return reject("invalid character in command name", b);
        }
        token.add(b);
        return null;
    }

    // ---- arguments ----------------------------------------------------------------------------

    private ParseEvent argStart(byte b) {
        switch (b) {
            case ' ':
                return null;
            case '\r':
                state = State.END_LF;
                return null;
            case '\n':
                return finish();
            case '(':
                if (stack.size() >= limits.maxNesting()) {
                    return reject("lists nested too deeply", b);
                }
                stack.push(current);
                current = new ArrayList<>();
                return null;
            case ')':
                if (stack.isEmpty()) {
                    return reject("unbalanced ')'", b);
                }
                List<Arg> done = current;
                current = stack.pop();
                return add(new Arg.ListArg(done), b);
            case '"':
                state = State.QUOTED;
                return null;
            case '{':
                return literalStart(false);
            default:
                if (!isAtomChar(b) && b != ']' && b != '[') {
                    return reject("unexpected character 0x" + Integer.toHexString(b & 0xff), b);
                }
                state = State.ATOM;
                return atom(b);
        }
    }

    private ParseEvent atom(byte b) {
        if (bracketDepth > 0) {
            // Inside BODY[...] spaces and parentheses belong to the section (RFC 3501 §6.4.5).
            if (b == '\r' || b == '\n') {
                return reject("unterminated '['", b);
            }
            if (b == ']') {
                bracketDepth--;
            } else if (b == '[') {
                bracketDepth++;
            }
            token.add(b);
            return null;
        }
        if (b == ' ' || b == ')' || b == '\r' || b == '\n') {
            Arg.Atom a = new Arg.Atom(token.utf8());
            token.clear();
            state = State.ARG_START;
            ParseEvent e = add(a, b);
            return e != null ? e : argStart(b);
        }
        if (b == '{' && token.is((byte) '~')) {
            // RFC 3516 §4.4 / RFC 9051 §9: literal8 = "~{" number64 ["+"] "}" CRLF *OCTET, only in APPEND.
            if (!"APPEND".equals(name)) {
                ParseEvent e = reject("literal8 (~{n}) is only allowed in APPEND", b);
                tail[tailLen++] = b; // so that a non-synchronizing ~{n+} at the line's end is skipped too
                return e;
            }
            token.clear();
            return literalStart(true);
        }
        if (b == '[') {
            bracketDepth++;
        } else if (!isAtomChar(b) && b != ']') {
            return reject("unexpected character 0x" + Integer.toHexString(b & 0xff) + " in atom", b);
        }
        token.add(b);
        return null;
    }

    private ParseEvent quoted(byte b) {
        if (b == '\\') {
            state = State.QUOTED_ESCAPE;
            return null;
        }
        if (b == '"') {
            Arg.Str s = new Arg.Str(token.toArray(), false);
            token.clear();
            state = State.ARG_START;
            return add(s, b);
        }
        // RFC 3501 §9: QUOTED-CHAR excludes CR and LF.
        if (b == '\r' || b == '\n' || b == 0) {
            return reject("CR, LF or NUL in quoted string", b);
        }
        token.add(b);
        return null;
    }

    private ParseEvent quotedEscape(byte b) {
        if (b != '"' && b != '\\') {
            return reject("only \\\" and \\\\ may be escaped in a quoted string", b);
        }
        token.add(b);
        state = State.QUOTED;
        return null;
    }

    // ---- literals -----------------------------------------------------------------------------

    private ParseEvent literalStart(boolean binary) {
        literalSize = 0;
        literalNonSync = false;
        literalDigits = false;
        literalBinary = binary;
        state = State.LITERAL_SIZE;
        return null;
    }

    private ParseEvent literalSize(byte b) {
        if (b >= '0' && b <= '9' && !literalNonSync) {
            literalDigits = true;
            if (literalSize <= Long.MAX_VALUE / 10 - 10) {
                literalSize = literalSize * 10 + (b - '0');
            }
            return null;
        }
        // RFC 7888 §3: {n+} is a non-synchronizing literal.
        if (b == '+' && literalDigits && !literalNonSync) {
            literalNonSync = true;
            return null;
        }
        if (b == '}' && literalDigits) {
            state = State.LITERAL_EOL;
            lastWasCr = false;
            return null;
        }
        return reject("malformed literal size", b);
    }

    private ParseEvent literalEol(byte b) {
        if (b == '\r' && !lastWasCr) {
            lastWasCr = true;
            return null;
        }
        if (b != '\n') {
            return reject("literal size must end the line", b);
        }
        long limit = appendLiterals && "APPEND".equals(name) ? limits.maxAppendBytes() : limits.maxLiteralBytes();
        if (literalSize > limit) {
            return literalTooBig(limit);
        }
        literal = ByteAccumulator.forLiteral(literalSize);
        state = State.LITERAL_DATA;
        if (literalSize == 0) {
            ParseEvent e = literalDone();
            if (e != null) {
                return e;
            }
        }
        return literalNonSync ? null : new ParseEvent.ContinuationNeeded(tag, literalSize);
    }

    private ParseEvent literalTooBig(long limit) {
        String msg = "literal of " + literalSize + " octets is over the limit of " + limit;
        String t = tag;
        if (!literalNonSync) {
            // The client waits for "+" and sends nothing more of this command: the next byte starts a new one.
            reset();
            return new ParseEvent.Rejected(t, ParseEvent.Rejected.Reason.TOO_BIG, msg, false);
        }
        if (literalSize > limits.maxDiscardBytes()) {
            // RFC 7888 §4: a server that will not read a rejected non-synchronizing literal closes the connection.
            reset();
            state = State.DISCARD;
            return new ParseEvent.Rejected(t, ParseEvent.Rejected.Reason.TOO_BIG, msg, true);
        }
        long skip = literalSize;
        reset();
        discardRemaining = skip;
        tailLen = 0;
        state = skip == 0 ? State.DISCARD : State.DISCARD_LITERAL;
        return new ParseEvent.Rejected(t, ParseEvent.Rejected.Reason.TOO_BIG, msg, false);
    }

    private ParseEvent literalData(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), literalSize - literal.size());
        literal.add(in, n);
        return literal.size() == literalSize ? literalDone() : null;
    }

    private ParseEvent literalDone() {
        Arg.Str s = new Arg.Str(literal.take(), true, literalBinary);
        literal = null;
        state = State.ARG_START;
        return add(s, (byte) 0);
    }

    // ---- completion and errors ------------------------------------------------------------------

    private ParseEvent add(Arg a, byte b) {
        if (++argCount > limits.maxArgs()) {
            return reject("too many arguments", b);
        }
        current.add(a);
        return null;
    }

    private ParseEvent finish() {
        if (!stack.isEmpty()) {
            return rejectAtEnd("unbalanced '('");
        }
        ParseEvent e = new ParseEvent.Request(tag, name, current);
        reset();
        return e;
    }

    private ParseEvent reject(String message, byte b) {
        String t = tag;
        if (b == '\n') {
            reset();
        } else {
            reset();
            state = State.DISCARD;
            tailLen = 0;
        }
        return new ParseEvent.Rejected(t, ParseEvent.Rejected.Reason.SYNTAX, message, false);
    }

    private ParseEvent rejectAtEnd(String message) {
        String t = tag;
        reset();
        return new ParseEvent.Rejected(t, ParseEvent.Rejected.Reason.SYNTAX, message, false);
    }

    /**
     * Skips the rest of a rejected command line. A non-synchronizing literal announced at its end
     * is skipped too, since the client sends it without waiting (RFC 7888 §4).
     */
    private ParseEvent discard(byte b) {
        if (b != '\n') {
            if (tailLen == TAIL) {
                System.arraycopy(tail, 1, tail, 0, TAIL - 1);
                tailLen--;
            }
            tail[tailLen++] = b;
            return null;
        }
        long n = nonSyncLiteralAtTail();
        tailLen = 0;
        if (n < 0) {
            state = State.TAG;
            return null;
        }
        if (n > limits.maxDiscardBytes()) {
            return new ParseEvent.Rejected(null, ParseEvent.Rejected.Reason.TOO_BIG,
                    "literal of " + n + " octets is over the limit", true);
        }
        discardRemaining = n;
        state = State.DISCARD_LITERAL;
        return null;
    }

    private long nonSyncLiteralAtTail() {
        int end = tailLen;
        if (end > 0 && tail[end - 1] == '\r') {
            end--;
        }
        if (end < 4 || tail[end - 1] != '}' || tail[end - 2] != '+') {
            return -1;
        }
        int i = end - 3;
        long v = 0;
        long scale = 1;
        while (i >= 0 && tail[i] >= '0' && tail[i] <= '9' && scale <= 1_000_000_000_000L) {
            v += (tail[i] - '0') * scale;
            scale *= 10;
            i--;
        }
        return i >= 0 && tail[i] == '{' && i < end - 3 ? v : -1;
    }

    private ParseEvent discardLiteral(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), discardRemaining);
        in.skipBytes(n);
        discardRemaining -= n;
        if (discardRemaining == 0) {
            state = State.DISCARD;
        }
        return null;
    }

    private ParseEvent rawLine(byte b) {
        if (b == '\n') {
            byte[] line = token.toArray();
            int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
            reset();
            return new ParseEvent.Line(java.util.Arrays.copyOf(line, len));
        }
        if (token.size() >= limits.maxLineBytes()) {
            return reject("line too long (limit " + limits.maxLineBytes() + " octets)", b);
        }
        token.add(b);
        return null;
    }

    private void reset() {
        state = State.TAG;
        token.clear();
        tag = null;
        name = null;
        stack.clear();
        current = new ArrayList<>();
        bracketDepth = 0;
        argCount = 0;
        lineBytes = 0;
        literal = null;
    }

    /** RFC 3501 §9: ATOM-CHAR is any CHAR except atom-specials: ( ) { SP CTL % * " \ ] — we let %, *, \ through for list-wildcards and flags. */
    static boolean isAtomChar(byte b) {
        int c = b & 0xff;
        if (c <= 0x20 || c == 0x7f) {
            return false;
        }
        if (c >= 0x80) {
            return true; // UTF-8 in mailbox names from lenient clients
        }
        return c != '(' && c != ')' && c != '{' && c != '"' && c != ']';
    }
}
