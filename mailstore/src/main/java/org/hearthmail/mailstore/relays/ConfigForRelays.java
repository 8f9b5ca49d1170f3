package org.hearthmail.mailstore.relays;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearthmail.config.HostPort;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.proxy.IpRange;

/**
 * The mailstore configuration changed to serve one more relay: the listeners the relay reaches
 * (intake, submission, IMAPS) move from loopback to the tunnel address (keeping their ports), the
 * relay's tunnel address is trusted for XCLIENT and required to send PROXY v2, and the tunnel
 * section is set. Listeners an operator moved off loopback are left where they are.
 */
final class ConfigForRelays {
    private ConfigForRelays() {
    }

    static MailstoreConfig serve(MailstoreConfig c, MailstoreConfig.Tunnel tunnel, InetAddress relay,
                                 Optional<MailstoreConfig.Relay> handoff) {
        InetAddress home = org.hearthmail.tunnel.config.IpPrefix.parseLiteral(tunnel.host());
        MailstoreConfig.Intake in = c.intake();
        MailstoreConfig.Intake intake = new MailstoreConfig.Intake(onTunnel(in.listen(), home),
                with(in.relayAddresses(), relay), in.maxMessageSize());
        MailstoreConfig.Submission s = c.submission();
        MailstoreConfig.Submission submission = new MailstoreConfig.Submission(onTunnel(s.listenStartTls(), home),
                onTunnel(s.listenTls(), home), with(s.proxyFrom(), relay), s.stripHeaders(), s.maxMessageSize());
        MailstoreConfig.Imap i = c.imap();
        MailstoreConfig.Imap imap = new MailstoreConfig.Imap(i.listenStartTls(), onTunnel(i.listenTls(), home),
                with(i.proxyFrom(), relay));
        return new MailstoreConfig(c.hostname(), c.mxHost(), intake, c.tls(), c.authResults(), c.delivery(), c.log(),
                submission, handoff.orElse(c.relay()), imap, Optional.of(tunnel));
    }

    private static HostPort onTunnel(HostPort listen, InetAddress home) {
        return listen.address().isLoopbackAddress() ? new HostPort(home, listen.port()) : listen;
    }

    private static CidrSet with(CidrSet set, InetAddress relay) {
        List<String> entries = new ArrayList<>();
        for (IpRange r : set.ranges()) {
            entries.add(NetUtil.toAddressString(r.network()) + "/" + r.prefixLength());
        }
        String add = relay.getHostAddress() + "/32";
        if (!set.contains(relay) || !entries.contains(add)) {
            entries.add(add);
        }
        return CidrSet.parse(entries.stream().distinct().toList());
    }
}
