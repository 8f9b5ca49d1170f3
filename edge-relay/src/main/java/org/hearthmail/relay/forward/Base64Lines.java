package org.hearthmail.relay.forward;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A binary stream as base64 text in CRLF-terminated lines of 76 characters (RFC 2045 §6.8), so it
 * can travel as SMTP content: without BINARYMIME, RFC 3030 §3 still requires BDAT content to be
 * lines ending in CRLF, and our intake refuses bare CR or LF. Reads the source in blocks of whole
 * lines; memory is one block.
 */
final class Base64Lines extends InputStream {

    /** RFC 2045 §6.8: 76 characters a line, 57 source bytes. */
    private static final int LINE_BYTES = 57;
    private static final int BLOCK = LINE_BYTES * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final InputStream source;
    private final Base64.Encoder encoder = Base64.getMimeEncoder(76, CRLF);
    private byte[] out = new byte[0];
    private int pos;
    private boolean eof;

    Base64Lines(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == out.length) {
            if (eof) {
                return -1;
            }
            byte[] block = source.readNBytes(BLOCK);
            if (block.length < BLOCK) {
                eof = true;
            }
            if (block.length == 0) {
                continue;
            }
            String text = encoder.encodeToString(block) + "\r\n";
            out = text.getBytes(StandardCharsets.US_ASCII);
            pos = 0;
        }
        int n = Math.min(len, out.length - pos);
        System.arraycopy(out, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
