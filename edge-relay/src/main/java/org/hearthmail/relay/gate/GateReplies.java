package org.hearthmail.relay.gate;

import java.net.InetAddress;
import org.hearthmail.smtp.Reply;

/**
 * What port 25 says instead of the greeting when the gate refuses a client. RFC 5321 §3.1: a
 * server may answer the connection with 554 (no SMTP service here) or 421 (not now) and close.
 */
final class GateReplies {

    private GateReplies() { }

    /** RFC 3463 §3.8: X.7.1 delivery not authorized. */
    static Reply refused(String text) {
        return Reply.of(554, "5.7.1", text);
    }

    /** RFC 3463 §3.8: X.7.0 other security status; RFC 5321 §4.2.3: 421 service not available, closing. */
    static Reply tempRefused(String text) {
        return Reply.of(421, "4.7.0", text);
    }

    static Reply banned(InetAddress client, String reason) {
        return refused("Access denied: [" + client.getHostAddress() + "] is banned (" + reason + ")");
    }

    static Reply earlyTalker() {
        // RFC 5321 §4.3.1: the client waits for the greeting before it sends anything.
        return refused("Protocol error: client sent data before the greeting");
    }

    static Reply tooMany(InetAddress client, ConnectionLimiter.Exceeded exceeded) {
        String what = switch (exceeded) {
            case ADDRESS_CONCURRENCY -> "Too many concurrent connections from [" + client.getHostAddress() + "]";
            case NETWORK_CONCURRENCY -> "Too many concurrent connections from " + AddressBlock.of(client);
            case RATE -> "Too many connections from [" + client.getHostAddress() + "] in a short time";
        };
        return tempRefused(what + ", try again later");
    }
}
