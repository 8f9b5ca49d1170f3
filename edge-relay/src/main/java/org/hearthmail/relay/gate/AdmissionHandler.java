package org.hearthmail.relay.gate;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.hearthmail.dns.InetAddressLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Front of a pass-through pipeline: the ban list and the limits only. A refused client is simply
 * disconnected (the port speaks TLS end to end with the mailstore, so there is no protocol in which
 * to say why); an admitted one goes on, and this handler leaves the pipeline.
 */
final class AdmissionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AdmissionHandler.class);

    private final ConnectionGate gate;
    private boolean refused;

    AdmissionHandler(ConnectionGate gate) {
        this.gate = gate;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            InetAddress client = InetAddressLiteral.unmap(remote.getAddress());
            Admission admission = gate.admit(client);
            if (admission instanceof Admission.Refused r) {
                refused = true;
                log.info("pass-through refused {}: {}", org.hearthmail.log.LogPrivacy.current().ip(client), r.reason());
                ctx.close();
                return;
            }
            Permit permit = ((Admission.Admitted) admission).permit();
            ctx.channel().closeFuture().addListener(f -> permit.close());
        }
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!refused) {
            ctx.fireChannelInactive();
        }
    }
}
