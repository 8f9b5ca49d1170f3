package org.hearthmail.dkim;

/**
 * Streaming body canonicalisation (RFC 6376 §3.4.3 simple, §3.4.4 relaxed). Input must already
 * have CRLF line endings. Empty lines are held back until a non-empty line proves they are not at
 * the end of the body, so memory use is constant.
 */
public final class BodyCanonicalizer {

    /** Receives canonical body bytes. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] b, int off, int len);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SP = {' '};

    private final boolean relaxed;
    private final Sink sink;
    private final byte[] one = new byte[1];
    private long pendingEmptyLines;
    private boolean pendingCr;
    private boolean pendingWsp;
    private boolean inLine;
    private boolean wroteAnything;
    private boolean finished;

    BodyCanonicalizer(boolean relaxed, Sink sink) {
        this.relaxed = relaxed;
        this.sink = sink;
    }

    public void update(byte[] b, int off, int len) {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        int runStart = -1; // start of a run of plain content bytes, written in one go
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            boolean plain = c != '\r' && c != '\n' && !(relaxed && (c == ' ' || c == '\t')) && !pendingCr;
            if (plain) {
                if (runStart < 0) {
                    beforeContent();
                    runStart = i;
                }
                continue;
            }
            if (runStart >= 0) {
                emit(b, runStart, i - runStart);
                runStart = -1;
            }
            handleSpecial(c);
        }
        if (runStart >= 0) {
            emit(b, runStart, end - runStart);
        }
    }

    private void handleSpecial(byte c) {
        if (pendingCr) {
            pendingCr = false;
            if (c == '\n') {
                endOfLine();
                return;
            }
            // A CR not followed by LF is ordinary content.
            content((byte) '\r');
        }
        if (c == '\r') {
            pendingCr = true;
        } else if (relaxed && (c == ' ' || c == '\t')) {
            // §3.4.4: WSP runs become one SP, and WSP at the end of a line is dropped.
            pendingWsp = true;
        } else {
            content(c);
        }
    }

    private void content(byte c) {
        beforeContent();
        one[0] = c;
        emit(one, 0, 1);
    }

    private void beforeContent() {
        while (pendingEmptyLines > 0) {
            emit(CRLF, 0, 2);
            pendingEmptyLines--;
        }
        if (pendingWsp) {
            emit(SP, 0, 1);
            pendingWsp = false;
        }
        inLine = true;
    }

    private void endOfLine() {
        pendingWsp = false;
        if (inLine) {
            emit(CRLF, 0, 2);
            inLine = false;
        } else {
            pendingEmptyLines++;
        }
    }

    /** Ends the body: trailing empty lines are dropped, a last line gets its CRLF. */
    public void finish() {
        if (finished) {
            return;
        }
        if (pendingCr) {
            pendingCr = false;
            content((byte) '\r');
        }
        pendingWsp = false;
        if (inLine) {
            emit(CRLF, 0, 2);
        }
        // §3.4.3: an empty body is one CRLF in simple; §3.4.4: it stays empty in relaxed.
        if (!wroteAnything && !relaxed) {
            emit(CRLF, 0, 2);
        }
        finished = true;
    }

    private void emit(byte[] b, int off, int len) {
        if (len > 0) {
            wroteAnything = true;
            sink.write(b, off, len);
        }
    }
}
