package org.hearthmail.mailstore.imap.server;

/** The CAPABILITY list (RFC 3501 §7.2.1) for a connection's current TLS and login state. */
final class Capabilities {
    /** Advertised in every state. */
    private static final String BASE = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS MOVE UNSELECT "
            + "SPECIAL-USE CHILDREN LIST-EXTENDED LIST-STATUS ESEARCH STATUS=SIZE CONDSTORE QRESYNC QUOTA QUOTA=RES-STORAGE COMPRESS=DEFLATE";

    private Capabilities() {
    }

    static String of(ImapConfig config, boolean tls, ImapState state) {
        StringBuilder sb = new StringBuilder(BASE);
        // RFC 7889 §3: APPENDLIMIT=n is the largest message APPEND accepts.
        sb.append(" APPENDLIMIT=").append(config.limits().maxAppendBytes());
        if (!tls && config.tls() != null) {
            sb.append(" STARTTLS");
        }
        if (state == ImapState.NOT_AUTHENTICATED) {
            // RFC 3501 §6.2.3: LOGINDISABLED while a password would cross in clear.
            sb.append(tls || config.allowPlaintextAuth() ? " AUTH=PLAIN" : " LOGINDISABLED");
        }
        return sb.toString();
    }
}
