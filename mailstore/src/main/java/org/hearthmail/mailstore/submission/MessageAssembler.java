package org.hearthmail.mailstore.submission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.hearthmail.dkim.DkimSigner;
import org.hearthmail.dkim.DkimSigningException;
import org.hearthmail.smtp.Reply;

/**
 * The worker side of one submitted message: holds the header section until it is complete
 * (at most {@link #MAX_HEADER} octets), has it rewritten and checked, then streams the rewritten
 * message into the spool file and through the DKIM signer at the same time. Calls come one at a
 * time (the session waits for each write); {@link #discard()} may come from another thread.
 */
final class MessageAssembler {

    /** The DKIM signer holds the header section too; the same bound (1 MiB). */
    static final int MAX_HEADER = 1024 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    /** What the header section says; a non-null reply refuses the message. */
    record HeaderVerdict(Reply refusal, DkimSigner signer) {
    }

    private final HeaderRewriter rewriter;
    private final Function<HeaderRewriter.Result, HeaderVerdict> judge;
    private final MessageSpool spool;
    private ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
    /** The last octets of the header so far, to find CRLF CRLF across chunks. */
    private int tail;
    private DkimSigner.Session signing;
    private Reply refusal;
    private boolean discarded;

    MessageAssembler(HeaderRewriter rewriter, Function<HeaderRewriter.Result, HeaderVerdict> judge, MessageSpool spool) {
        this.rewriter = rewriter;
        this.judge = judge;
        this.spool = spool;
    }

    synchronized void write(byte[] b) throws IOException {
        if (discarded || refusal != null) {
            return;
        }
        if (header == null) {
            body(b, 0, b.length);
            return;
        }
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            header.write(c);
            tail = (tail << 8) | (c & 0xff);
            // RFC 5322 §2.1: the header section ends at the first empty line (CRLF CRLF), or the
            // message starts with the empty line and has no header section at all.
            boolean emptyFirstLine = header.size() == 2 && (tail & 0xffff) == 0x0d0a;
            if (tail == 0x0d0a0d0a || emptyFirstLine) {
                byte[] h = header.toByteArray();
                endHeader(new String(h, 0, h.length - 2, StandardCharsets.ISO_8859_1));
                if (refusal == null) {
                    body(b, i + 1, b.length - i - 1);
                }
                return;
            }
            if (header.size() > MAX_HEADER) {
                refusal = SubmissionReplies.HEADER_TOO_BIG;
                header = null;
                return;
            }
        }
    }

    private void endHeader(String section) throws IOException {
        header = null;
        HeaderRewriter.Result r = rewriter.rewrite(section);
        HeaderVerdict v = judge.apply(r);
        if (v.refusal() != null) {
            refusal = v.refusal();
            return;
        }
        signing = v.signer().begin();
        body(r.header(), 0, r.header().length);
        body(CRLF, 0, 2);
    }

    private void body(byte[] b, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        spool.write(b, off, len);
        signing.update(b, off, len);
    }

    /**
     * All content arrived. Returns the refusal, or null when the message is in the spool and
     * {@link #signature()} can be asked for.
     */
    synchronized Reply finish() throws IOException {
        if (refusal == null && header != null) {
            // Content without an empty line: all header, no body (RFC 5322 §3.5: the body is optional).
            byte[] h = header.toByteArray();
            String s = new String(h, StandardCharsets.ISO_8859_1);
            endHeader(s.isEmpty() || s.endsWith("\r\n") ? s : s + "\r\n");
        }
        if (refusal == null) {
            spool.seal();
        }
        return refusal;
    }

    /** The DKIM-Signature fields to put in front, CRLF-terminated. CPU work: on a worker. */
    synchronized byte[] signature() throws DkimSigningException {
        return DkimSigner.bytes(signing.finish());
    }

    synchronized void discard() {
        discarded = true;
        spool.close();
    }
}
