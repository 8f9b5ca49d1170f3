package org.hearthmail.tunnel.netlink;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.hearthmail.tunnel.config.IpPrefix;

/** Link and address management over a NETLINK_ROUTE socket (include/uapi/linux/rtnetlink.h). */
public final class RtNetlink {
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    static final int IFINFOMSG_LEN = 16;
    /** struct ifaddrmsg: family, prefixlen, flags, scope, index. */
    static final int IFADDRMSG_LEN = 8;
    // include/uapi/linux/if_link.h
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1;
    // include/uapi/linux/if_addr.h
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFF_UP = 0x1;
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private final NetlinkSocket socket;

    public RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** ip link add NAME type KIND (e.g. "dummy"; "wireguard" where the kernel has it). */
    public void addLink(String name, String kind) throws NetlinkException {
        socket.request(message(RTM_NEWLINK, NlMessage.F_CREATE | NlMessage.F_EXCL, ifinfomsg(0, 0, 0),
                List.of(NlAttr.string(IFLA_IFNAME, name),
                        NlAttr.nested(IFLA_LINKINFO, List.of(NlAttr.string(IFLA_INFO_KIND, kind))))), IFINFOMSG_LEN);
    }

    /** ip link del NAME */
    public void deleteLink(String name) throws NetlinkException {
        socket.request(message(RTM_DELLINK, 0, ifinfomsg(0, 0, 0), List.of(NlAttr.string(IFLA_IFNAME, name))),
                IFINFOMSG_LEN);
    }

    /** ip link show NAME; ENODEV (errno 19) when there is no such link. */
    public Link link(String name) throws NetlinkException {
        List<NlMessage> replies = socket.request(message(RTM_GETLINK, 0, ifinfomsg(0, 0, 0),
                List.of(NlAttr.string(IFLA_IFNAME, name))), IFINFOMSG_LEN);
        for (NlMessage m : replies) {
            if (m.type() == RTM_NEWLINK) {
                ByteBuffer h = ByteBuffer.wrap(m.familyHeader()).order(ByteOrder.nativeOrder());
                int index = h.getInt(4);
                int flags = h.getInt(8);
                int mtu = NlAttr.find(m.attributes(), IFLA_MTU).map(NlAttr::asU32).orElse(0);
                String actual = NlAttr.find(m.attributes(), IFLA_IFNAME).map(NlAttr::asString).orElse(name);
                return new Link(index, actual, (flags & IFF_UP) != 0, mtu);
            }
        }
        throw new NetlinkException("kernel sent no link for " + name, Errno.ENODEV);
    }

    /** ip link set NAME up */
    public void setUp(String name) throws NetlinkException {
        int index = link(name).index();
        socket.request(message(RTM_NEWLINK, 0, ifinfomsg(index, IFF_UP, IFF_UP), List.of()), IFINFOMSG_LEN);
    }

    /** ip address replace PREFIX dev NAME */
    public void addAddress(String name, IpPrefix prefix) throws NetlinkException {
        int index = link(name).index();
        byte[] addr = prefix.address().getAddress();
        ByteBuffer h = ByteBuffer.allocate(IFADDRMSG_LEN).order(ByteOrder.nativeOrder());
        h.put((byte) (prefix.address() instanceof Inet4Address ? AF_INET : AF_INET6));
        h.put((byte) prefix.prefixLength()).put((byte) 0).put((byte) 0).putInt(index);
        // rtnetlink(7): for IPv4 IFA_LOCAL is the local address; IFA_ADDRESS the peer (same here).
        socket.request(message(RTM_NEWADDR, NlMessage.F_CREATE | NlMessage.F_REPLACE, h.array(),
                List.of(new NlAttr(IFA_LOCAL, addr), new NlAttr(IFA_ADDRESS, addr))), IFADDRMSG_LEN);
    }

    static byte[] ifinfomsg(int index, int flags, int change) {
        ByteBuffer h = ByteBuffer.allocate(IFINFOMSG_LEN).order(ByteOrder.nativeOrder());
        h.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return h.array();
    }

    private NlMessage message(int type, int extraFlags, byte[] header, List<NlAttr> attrs) {
        return new NlMessage(type, NlMessage.F_REQUEST | NlMessage.F_ACK | extraFlags, socket.nextSequence(), 0,
                header, attrs);
    }
}
