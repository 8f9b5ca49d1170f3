package org.hearthmail.smtp.client;

import java.time.Duration;
import org.hearthmail.smtp.Reply;

/**
 * EHLO, falling back to HELO when the server does not know EHLO. RFC 5321 §4.1.4: "If the EHLO
 * command is not acceptable to the SMTP server, 501, 500, 502, or 550 failure replies MUST be
 * returned", and the client then may fall back to HELO (§3.2). Any 5yz is treated that way;
 * a 4yz (e.g. 421) is a refusal of the session, not of EHLO.
 */
final class EhloExchange extends Exchange<Capabilities> {

    private final String name;
    private boolean triedHelo;

    EhloExchange(String name, Duration timeout) {
        super("EHLO", timeout);
        this.name = name;
    }

    @Override
    void start(ExchangeContext cx) {
        cx.writeLine("EHLO " + name, "EHLO " + name);
    }

    @Override
    boolean onReply(Reply reply, ExchangeContext cx) {
        if (reply.code() == 250) {
            result.complete(triedHelo ? Capabilities.helo(reply) : Capabilities.parse(reply));
            return true;
        }
        if (!triedHelo && reply.isPermanentFailure()) {
            triedHelo = true;
            cx.writeLine("HELO " + name, "HELO " + name);
            cx.flush();
            return false;
        }
        result.completeExceptionally(new SmtpReplyException(triedHelo ? "HELO" : "EHLO", reply));
        return true;
    }
}
