package org.hearthmail.smtp.server;

import java.util.ArrayList;
import java.util.List;

/** The mutable state of one mail transaction (RFC 5321 §3.3), from MAIL to the final reply. */
public final class Transaction {
    private MailFrom mailFrom;
    private final List<RcptTo> recipients = new ArrayList<>();
    private int rcptAttempts;
    private MessageSink sink;
    /** Content octets received through BDAT so far. */
    private long bdatSize;
    private boolean bdatFailed;
    private boolean bdatPrevEndsCr;
    private boolean bdatBare;

    public MailFrom mailFrom() { return mailFrom; }
    public void mailFrom(MailFrom m) { this.mailFrom = m; }
    public List<RcptTo> recipients() { return recipients; }
    public int rcptAttempts() { return rcptAttempts; }
    public void countRcptAttempt() { rcptAttempts++; }
    public MessageSink sink() { return sink; }
    public void sink(MessageSink s) { this.sink = s; }
    public Envelope envelope() { return new Envelope(mailFrom, recipients); }

    long bdatSize() { return bdatSize; }
    void addBdatSize(long n) { bdatSize += n; }
    boolean bdatFailed() { return bdatFailed; }
    void bdatFailed(boolean v) { bdatFailed = v; }
    boolean bdatBare() { return bdatBare; }

    /** Combines one chunk's line-ending check with the chunks before it (a CRLF may span two chunks). */
    void addBdatChunk(org.hearthmail.smtp.codec.SmtpInput.BdatEnd end) {
        if (end.size() > 0) {
            if (bdatPrevEndsCr != end.startsWithLf()) {
                bdatBare = true;
            }
            bdatPrevEndsCr = end.endsWithCr();
        }
        if (end.bareInside()) {
            bdatBare = true;
        }
        if (end.last() && bdatPrevEndsCr) {
            bdatBare = true;
        }
    }

    /** Abandons the content sink, if any. */
    void abort() {
        if (sink != null) {
            MessageSink s = sink;
            sink = null;
            s.abort();
        }
    }
}
