package org.hearthmail.mailstore.imap.server;

/** The CAPABILITY list (RFC 3501 §7.2.1) for a connection's current TLS and login state. */
final class Capabilities {
    /**
     * Advertised in every state. RFC 9051 Appendix A: a server may offer IMAP4rev1 and IMAP4rev2
     * side by side; the session speaks rev1 until the client enables rev2. BINARY is RFC 3516,
     * SEARCHRES RFC 5182, SORT and THREAD RFC 5256, ESORT RFC 5267.
     */
    private static final String BASE = "IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS MOVE UNSELECT "
            + "SPECIAL-USE CHILDREN LIST-EXTENDED LIST-STATUS ESEARCH STATUS=SIZE CONDSTORE QRESYNC QUOTA QUOTA=RES-STORAGE COMPRESS=DEFLATE BINARY SEARCHRES SORT ESORT THREAD=ORDEREDSUBJECT THREAD=REFERENCES";

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
