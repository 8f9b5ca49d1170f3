package org.hearthmail.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message stream into its header block (buffered, bounded) and its body (passed through).
 * Line endings are normalised first: a LF without a preceding CR becomes CRLF.
 */
final class MessageSplitter {

    /** Receives the parsed header block once, then body bytes. */
    interface Listener {
        void headers(List<HeaderField> fields);

        void body(byte[] b, int off, int len);
    }

    private final int maxHeaderBytes;
    private final Listener listener;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private boolean inBody;
    private boolean lastWasCr;
    private int lineLength;
    private boolean overflow;
    private byte[] scratch = new byte[0];

    MessageSplitter(int maxHeaderBytes, Listener listener) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.listener = listener;
    }

    /** True once the header block exceeded the limit; further input is ignored. */
    boolean overflowed() {
        return overflow;
    }

    void update(byte[] b, int off, int len) {
        if (overflow || len == 0) {
            return;
        }
        if (scratch.length < len * 2) {
            scratch = new byte[Math.max(len * 2, 8192)];
        }
        int n = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '\n' && !lastWasCr) {
                scratch[n++] = '\r';
            }
            scratch[n++] = c;
            lastWasCr = c == '\r';
        }
        feed(scratch, 0, n);
    }

    private void feed(byte[] b, int off, int len) {
        if (inBody) {
            listener.body(b, off, len);
            return;
        }
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '\n' && lineLength == 1) {
                // An empty line (CRLF alone) ends the header block (RFC 5322 §2.1).
                inBody = true;
                listener.headers(parse(header.toByteArray()));
                header.reset();
                listener.body(b, i + 1, off + len - i - 1);
                return;
            }
            header.write(c);
            lineLength = c == '\n' ? 0 : lineLength + 1;
            if (header.size() > maxHeaderBytes) {
                overflow = true;
                header.reset();
                return;
            }
        }
    }

    /** A message without an empty line is all header (RFC 5322 §3.5: the body is optional). */
    void finish() {
        if (!inBody && !overflow) {
            byte[] h = header.toByteArray();
            if (h.length > 0 && h[h.length - 1] != '\n') {
                byte[] withCrlf = new byte[h.length + 2];
                System.arraycopy(h, 0, withCrlf, 0, h.length);
                withCrlf[h.length] = '\r';
                withCrlf[h.length + 1] = '\n';
                h = withCrlf;
            }
            inBody = true;
            listener.headers(parse(h));
        }
    }

    /** Splits a header block (ending in CRLF) into fields, keeping folding. */
    static List<HeaderField> parse(byte[] block) {
        String text = new String(block, StandardCharsets.ISO_8859_1);
        List<HeaderField> fields = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        while (start < text.length()) {
            int eol = text.indexOf("\r\n", start);
            int next = eol < 0 ? text.length() : eol + 2;
            String line = text.substring(start, next);
            start = next;
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && current != null) {
                current.append(line);
                continue;
            }
            addField(fields, current);
            current = line.indexOf(':') > 0 ? new StringBuilder(line) : null;
        }
        addField(fields, current);
        return fields;
    }

    private static void addField(List<HeaderField> fields, StringBuilder raw) {
        if (raw != null) {
            String r = raw.toString();
            fields.add(new HeaderField(r.substring(0, r.indexOf(':')), r));
        }
    }
}
