package org.hearthmail.cli;

/** Thrown by a subcommand whose feature is not built yet; reported as exit code {@value ExitCodes#NOT_IMPLEMENTED}. */
public final class NotImplementedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param what the feature that is missing, e.g. {@code "edge-relay run (inbound MX)"} */
    public NotImplementedException(String what) {
        super("not implemented yet: " + what);
    }
}
