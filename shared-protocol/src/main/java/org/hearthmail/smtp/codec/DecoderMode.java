package org.hearthmail.smtp.codec;

/** How the decoder reads the bytes that follow. */
public enum DecoderMode {
    /** Command lines. */
    COMMAND,
    /** Nothing is decoded; bytes are kept until the session chooses the next mode. */
    WAIT,
    /** DATA content up to {@code CRLF.CRLF}. */
    DATA,
    /** A BDAT chunk of known size. */
    BDAT,
    /** AUTH continuation lines. */
    AUTH
}
