package org.hearthmail.tunnel.netlink;

import java.util.List;
import java.util.OptionalInt;

/** Generic netlink family resolution (include/uapi/linux/genetlink.h, the "nlctrl" controller). */
public final class GenericNetlink {
    /** The controller's fixed family id. */
    public static final int GENL_ID_CTRL = 0x10;
    static final int CTRL_CMD_GETFAMILY = 3;
    static final int CTRL_CMD_NEWFAMILY = 1;
    static final int CTRL_ATTR_FAMILY_ID = 1;
    static final int CTRL_ATTR_FAMILY_NAME = 2;
    /** struct genlmsghdr: cmd, version, reserved. */
    static final int GENLMSGHDR_LEN = 4;
    /** The WireGuard kernel module's family name (include/uapi/linux/wireguard.h WG_GENL_NAME). */
    public static final String WIREGUARD_FAMILY = "wireguard";

    private final NetlinkSocket socket;

    public GenericNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** The family's id, or empty when the kernel has no such family (ENOENT). */
    public OptionalInt resolveFamily(String name) throws NetlinkException {
        NlMessage request = getFamilyRequest(name, socket.nextSequence());
        List<NlMessage> replies;
        try {
            replies = socket.request(request, GENLMSGHDR_LEN);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                return OptionalInt.empty();
            }
            throw e;
        }
        for (NlMessage m : replies) {
            var id = NlAttr.find(m.attributes(), CTRL_ATTR_FAMILY_ID);
            if (id.isPresent()) {
                return OptionalInt.of(id.get().asU16());
            }
        }
        throw new NetlinkException("nlctrl answered without a family id for " + name, 0);
    }

    static NlMessage getFamilyRequest(String name, int sequence) {
        byte[] genl = {(byte) CTRL_CMD_GETFAMILY, 1, 0, 0};
        return new NlMessage(GENL_ID_CTRL, NlMessage.F_REQUEST | NlMessage.F_ACK, sequence, 0, genl,
                List.of(NlAttr.string(CTRL_ATTR_FAMILY_NAME, name)));
    }
}
