package org.hearthmail.tunnel.netlink;

/** A network interface as rtnetlink reports it. */
public record Link(int index, String name, boolean up, int mtu) {
}
