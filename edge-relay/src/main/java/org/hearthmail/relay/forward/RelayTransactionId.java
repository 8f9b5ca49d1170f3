package org.hearthmail.relay.forward;

import java.util.UUID;

/**
 * The unique id of one relayed message, in a header field the relay puts above its own
 * {@code Received} line, beside {@code Authentication-Results}; it reaches the mailstore in the live
 * copy and in the spooled one alike (it is inside the sealed content). The mailstore's intake
 * honours the field only from the relay and only above the first {@code Received}, never stores it,
 * and remembers committed ids, so a second copy of a message it already committed is answered
 * {@code 250} without being stored again (mailstore {@code intake} package comment).
 *
 * <p>Why: when the mailstore does not answer after the content was sent, it may have committed
 * (RFC 5321 §6.1: its 250 would have made it responsible). The relay then spools its own copy
 * rather than lose or refuse the message, and this id keeps the mailbox from holding it twice.
 */
record RelayTransactionId(UUID id) {

    /** Header field name; the mailstore's intake knows it under the same name. */
    static final String HEADER = "Hearthmail-Transaction";

    /** 122 random bits (UUID version 4 from a SecureRandom): unique without coordination. */
    static RelayTransactionId random() {
        return new RelayTransactionId(UUID.randomUUID());
    }

    /** The whole field, CRLF-terminated. */
    String field() {
        return HEADER + ": " + id + "\r\n";
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
