package org.hearthmail.smtp.server.command;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SmtpException;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientCommandParser;
import org.hearthmail.xclient.XClientSyntaxException;
import org.hearthmail.xclient.XClientValue;

/**
 * XCLIENT (Postfix XCLIENT_README): a trusted relay tells us who its client really was. Honoured
 * only from the configured relay addresses; "550 5.7.0" from anyone else, "503" inside a
 * transaction (checked by {@link org.hearthmail.smtp.server.Verb}), "501" on bad syntax. Success
 * resets the session with a fresh 220 greeting; the relay must send EHLO again.
 */
final class XClientCommand implements Command {

    /** What an attribute sent as [UNAVAILABLE] becomes: an unresolved placeholder. */
    static final String UNKNOWN = "unknown";

    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (!s.config().xclientAllowed(s.transportPeer())) {
            throw new SmtpException(Reply.XCLIENT_DENIED);
        }
        XClientAttributes a;
        try {
            a = XClientCommandParser.parse(args);
        } catch (XClientSyntaxException e) {
            throw new SmtpException(e.reply());
        }
        InetSocketAddress current = s.info().client();
        InetSocketAddress client = null;
        if (a.addr().isSent() || a.port().isSent()) {
            client = socket(a.addr(), a.port(), current);
        }
        InetSocketAddress currentServer = s.info().server();
        InetSocketAddress destination = null;
        if (a.destAddr().isSent() || a.destPort().isSent()) {
            destination = socket(a.destAddr(), a.destPort(), currentServer);
        }
        // [UNAVAILABLE] and [TEMPUNAVAIL] names are "not known": the client has no verified name.
        String name = a.name() instanceof XClientValue.Known<String> k ? k.value() : null;
        boolean nameSent = a.name().isSent();
        String helo = a.helo() instanceof XClientValue.Known<String> k ? k.value() : a.helo().isSent() ? UNKNOWN : null;
        String proto = a.proto() instanceof XClientValue.Known<?> k ? k.value().toString() : null;
        String login = a.login() instanceof XClientValue.Known<String> k ? k.value() : null;
        s.applyForwardedClient(client, name, nameSent, helo, proto, login, destination);
    }

    private static InetSocketAddress socket(XClientValue<InetAddress> addr, XClientValue<Integer> port, InetSocketAddress current) {
        int p = port instanceof XClientValue.Known<Integer> k ? k.value() : port.isSent() ? 0 : current.getPort();
        if (addr instanceof XClientValue.Known<InetAddress> k) {
            return new InetSocketAddress(k.value(), p);
        }
        if (addr.isSent()) {
            return InetSocketAddress.createUnresolved(UNKNOWN, p);
        }
        return current.isUnresolved() ? InetSocketAddress.createUnresolved(current.getHostString(), p)
                : new InetSocketAddress(current.getAddress(), p);
    }
}
