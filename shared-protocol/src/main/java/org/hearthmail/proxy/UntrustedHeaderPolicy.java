package org.hearthmail.proxy;

/** What to do when a peer outside the trusted set starts its stream with a PROXY signature. */
public enum UntrustedHeaderPolicy {
    /** Close the connection with a log line (default: a spoofing attempt or a misconfigured proxy). */
    CLOSE,
    /** Do not inspect: pass every byte on as plain protocol data (the server will reject "PROXY ..."). */
    TREAT_AS_PLAIN
}
