package org.hearthmail.smtp.server;

/** Where a session is in RFC 5321's command sequence (§4.1.4). */
public enum SessionState {
    /** Connected; greeting not yet sent (waiting for a PROXY header or the connect policy). */
    PRE_GREETING,
    /** Greeted; no EHLO/HELO yet. */
    CONNECTED,
    /** EHLO/HELO done; no transaction. */
    READY,
    /** MAIL accepted; no recipient yet. */
    MAIL,
    /** At least one RCPT accepted. */
    RCPT,
    /** Reading DATA content, or waiting for its final reply. */
    DATA,
    /** Between or inside BDAT chunks of a message (RFC 3030). */
    BDAT,
    /** In an AUTH exchange (RFC 4954). */
    AUTH,
    /** QUIT or a fatal error; nothing more is read. */
    CLOSING
}
