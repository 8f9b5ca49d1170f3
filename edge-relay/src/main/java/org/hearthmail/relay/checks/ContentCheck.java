package org.hearthmail.relay.checks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimVerifier;

/**
 * The checks that need one message's content: the DKIM streaming verifier and a bounded copy of the
 * header section. Fed in order from one thread at a time (not an event loop: hashing is work).
 */
public final class ContentCheck {

    /** RFC 5322 sets no limit; this bounds what is held per message (same as the DKIM verifier's). */
    public static final int MAX_HEADER_BYTES = 256 * 1024;

    private final DkimVerifier.Session dkim;
    private final HeaderCapture header = new HeaderCapture(MAX_HEADER_BYTES);

    ContentCheck(DkimVerifier.Session dkim) {
        this.dkim = dkim;
    }

    public void update(byte[] b, int off, int len) {
        dkim.update(b, off, len);
        header.update(b, off, len);
    }

    /** True once a DKIM signature's body is being hashed (work for an executor, not an event loop). */
    public boolean hashing() {
        return dkim.hashing();
    }

    /** Ends the content. Never completes exceptionally. */
    CompletableFuture<List<DkimResult>> finishDkim() {
        return dkim.finish();
    }

    AuthorDomain author() {
        return AuthorDomain.of(header.values("From"));
    }
}
