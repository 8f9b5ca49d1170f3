package org.hearthmail.cli;

/** Process exit codes of both programs; listed in {@code --help} and the README. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    /** picocli's default for invalid input. */
    public static final int USAGE = 2;
    public static final int NOT_IMPLEMENTED = 3;

    private ExitCodes() {
    }
}
