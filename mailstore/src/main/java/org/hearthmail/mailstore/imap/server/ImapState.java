package org.hearthmail.mailstore.imap.server;

/** RFC 3501 §3: the states of an IMAP connection. Which command is valid in which is declared by each command. */
public enum ImapState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT
}
