package org.hearthmail.tunnel.netlink;

import org.hearthmail.tunnel.TunnelException;

/** The kernel refused a netlink request, or a netlink socket call failed. */
public final class NetlinkException extends TunnelException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public NetlinkException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The positive errno (e.g. 2 for ENOENT, 17 for EEXIST), or 0 when none applies. */
    public int errno() {
        return errno;
    }
}
