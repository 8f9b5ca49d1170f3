package org.hearthmail.spf;

import java.util.concurrent.CompletionException;

/** Ends an evaluation early with temperror or permerror; unwinds through futures, no stack trace. */
final class SpfAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final SpfResult result;

    SpfAbort(SpfResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    SpfResult result() {
        return result;
    }

    static SpfAbort perm(String reason) {
        return new SpfAbort(SpfResult.PERMERROR, reason);
    }

    static SpfAbort temp(String reason) {
        return new SpfAbort(SpfResult.TEMPERROR, reason);
    }

    /** The abort inside a future's failure, or null if it is something else. */
    static SpfAbort unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof SpfAbort a ? a : null;
    }
}
