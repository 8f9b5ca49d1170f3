package org.hearthmail.mailstore.intake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.hearthmail.authres.AuthResultsParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streams a message, rewriting only its header section (RFC 5322 §2.2, §3.6): our Received line
 * goes first; {@code Authentication-Results} fields claiming our authserv-id are removed unless the
 * relay put them there (RFC 8601 §5); the relay's verdict and transaction id fields are read (from
 * the relay only) and removed. Everything
 * else, malformed or not, passes through byte for byte. One field at a time is held (up to
 * {@link #MAX_FIELD}); the body is never held.
 */
final class HeaderFilter {

    static final String AUTH_RESULTS = "Authentication-Results";
    /** A field longer than this is passed on (or dropped) without being held whole. */
    static final int MAX_FIELD = 64 * 1024;
    /** Past this many header octets without a decision, the verdict is taken as final. */
    static final int DECISION_LIMIT = 1024 * 1024;

    private enum Mode { LINE_START, CR_AT_LINE_START, IN_FIELD, BODY }

    /** RFC 8601 §2.2 resinfo: {@code method = result}; only the methods the junk rules know. */
    private static final java.util.regex.Pattern RESINFO =
            java.util.regex.Pattern.compile("(?i)(?:^|[;\\s])(spf|dkim|dmarc)\\s*=\\s*([a-z]+)");

    private final String authservId;
    private final boolean fromRelay;
    private final java.util.Set<String> junkOn;
    private final Consumer<ByteBuf> out;
    private final Consumer<Verdict> decided;
    private Mode mode = Mode.LINE_START;
    private ByteBuf field;
    /** The current field is too long to hold: its bytes are passed on (true) or dropped (false). */
    private Boolean streamingField;
    private boolean receivedSeen;
    private Verdict verdict = Verdict.INBOX;
    /** The relay's transaction id, or null; known before the decision (it sits above the relay's Received). */
    private String transactionId;
    private boolean decisionMade;
    private long headerBytes;

    /**
     * @param received   our Received field, emitted first
     * @param fromRelay  the session was forwarded by the trusted relay (XCLIENT)
     * @param out        takes each output chunk (ownership passes)
     * @param decided    told once where the message goes, as early as the headers allow
     */
    HeaderFilter(String received, String authservId, boolean fromRelay, java.util.Set<String> junkOn, Consumer<ByteBuf> out,
                 Consumer<Verdict> decided) {
        this.authservId = authservId;
        this.junkOn = junkOn;
        this.fromRelay = fromRelay;
        this.out = out;
        this.decided = decided;
        out.accept(Unpooled.copiedBuffer(received, StandardCharsets.UTF_8));
    }

    /** Feeds content; takes ownership of {@code chunk}. */
    void write(ByteBuf chunk) {
        try {
            if (mode == Mode.BODY) {
                out.accept(chunk.retain());
                return;
            }
            int i = chunk.readerIndex();
            int end = chunk.writerIndex();
            while (i < end) {
                if (mode == Mode.BODY) {
                    out.accept(chunk.retainedSlice(i, end - i));
                    return;
                }
                byte b = chunk.getByte(i++);
                headerBytes++;
                step(b);
                if (!decisionMade && headerBytes > DECISION_LIMIT) {
                    decide();
                }
            }
        } finally {
            chunk.release();
        }
    }

    /** End of content. */
    void finish() {
        if (mode != Mode.BODY) {
            endField();
            if (mode == Mode.CR_AT_LINE_START) {
                out.accept(Unpooled.wrappedBuffer(new byte[] {'\r'}));
            }
        }
        decide();
    }

    /** Releases what is held, for an abandoned message. */
    void discard() {
        if (field != null) {
            field.release();
            field = null;
        }
    }

    private void step(byte b) {
        switch (mode) {
            case LINE_START -> {
                if (b == '\r') {
                    mode = Mode.CR_AT_LINE_START;
                } else if (b == ' ' || b == '\t') {
                    // A continuation line of the current field (RFC 5322 §2.2.3).
                    mode = Mode.IN_FIELD;
                    append(b);
                } else {
                    endField();
                    mode = Mode.IN_FIELD;
                    append(b);
                }
            }
            case CR_AT_LINE_START -> {
                endField();
                byte[] crb = b == '\n' ? new byte[] {'\r', '\n'} : new byte[] {'\r', b};
                out.accept(Unpooled.wrappedBuffer(crb));
                if (b == '\n') {
                    // The empty line: the body follows (RFC 5322 §2.1).
                    mode = Mode.BODY;
                    decide();
                } else {
                    mode = Mode.IN_FIELD;
                }
            }
            case IN_FIELD -> {
                append(b);
                if (b == '\n') {
                    mode = Mode.LINE_START;
                }
            }
            case BODY -> throw new IllegalStateException();
        }
    }

    private void append(byte b) {
        if (streamingField != null) {
            if (streamingField) {
                out.accept(Unpooled.wrappedBuffer(new byte[] {b}));
            }
            return;
        }
        if (field == null) {
            field = Unpooled.buffer(256);
        }
        field.writeByte(b);
        if (field.readableBytes() > MAX_FIELD) {
            boolean keep = classify(name(field)) == Action.KEEP;
            streamingField = keep;
            if (keep) {
                out.accept(field);
            } else {
                field.release();
            }
            field = null;
        }
    }

    private enum Action { KEEP, DROP }

    private void endField() {
        if (streamingField != null) {
            streamingField = null;
            return;
        }
        if (field == null) {
            return;
        }
        ByteBuf f = field;
        field = null;
        String name = name(f);
        Action a = classify(name);
        if (name != null && name.equalsIgnoreCase(AUTH_RESULTS) && AuthResultsParser.claims(value(f), authservId)) {
            a = fromRelay && !receivedSeen ? Action.KEEP : Action.DROP;
            if (a == Action.KEEP && matchesJunkRule(value(f))) {
                verdict = Verdict.JUNK;
            }
        } else if (name != null && name.equalsIgnoreCase(Verdict.HEADER) && fromRelay && !receivedSeen) {
            verdict = Verdict.parse(value(f));
        } else if (name != null && name.equalsIgnoreCase(RelayTransaction.HEADER) && fromRelay && !receivedSeen) {
            transactionId = RelayTransaction.parse(value(f)).orElse(null);
        }
        if (name != null && name.equalsIgnoreCase("Received")) {
            receivedSeen = true;
            decide();
        }
        if (a == Action.KEEP) {
            out.accept(f);
        } else {
            f.release();
        }
    }

    /** The relay's results name a verdict the operator sends to Junk (delivery.junk_on). */
    private boolean matchesJunkRule(String value) {
        java.util.regex.Matcher m = RESINFO.matcher(value.replaceAll("\\([^)]*\\)", " "));
        while (m.find()) {
            if (junkOn.contains(m.group(1).toLowerCase(Locale.ROOT) + "=" + m.group(2).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** What to do with a field by its name alone: the relay's own fields are never stored, whoever sent them. */
    private static Action classify(String name) {
        return name != null && (name.equalsIgnoreCase(Verdict.HEADER) || name.equalsIgnoreCase(RelayTransaction.HEADER))
                ? Action.DROP : Action.KEEP;
    }

    /** The relay's transaction id, when the relay sent one; read it once the verdict is decided. */
    String transactionId() {
        return transactionId;
    }

    private void decide() {
        if (!decisionMade) {
            decisionMade = true;
            decided.accept(verdict);
        }
    }

    /** The field name (RFC 5322 §3.6.8: printable ASCII except ":"), or null for a malformed line. */
    static String name(ByteBuf f) {
        int colon = f.indexOf(f.readerIndex(), f.writerIndex(), (byte) ':');
        if (colon <= f.readerIndex()) {
            return null;
        }
        String n = f.toString(f.readerIndex(), colon - f.readerIndex(), StandardCharsets.ISO_8859_1).stripTrailing();
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) <= 32 || n.charAt(i) >= 127) {
                return null;
            }
        }
        return n;
    }

    private static String value(ByteBuf f) {
        int colon = f.indexOf(f.readerIndex(), f.writerIndex(), (byte) ':');
        return f.toString(colon + 1, f.writerIndex() - colon - 1, StandardCharsets.ISO_8859_1).replaceAll("\\r\\n[ \\t]", " ");
    }
}
