/**
 * Linux netlink from Java: rtnetlink (RFC 3549; include/uapi/linux/rtnetlink.h) to create links,
 * add addresses and set links up, and generic netlink (include/uapi/linux/genetlink.h) to resolve
 * families such as "wireguard" for a future kernel backend.
 *
 * <p>This is the only package of the module that imports JNA ({@link org.hearthmail.tunnel.netlink.LibC}):
 * the socket calls go to libc; everything else ({@link org.hearthmail.tunnel.netlink.NlMessage},
 * {@link org.hearthmail.tunnel.netlink.NlAttr}) is plain Java and unit-tested without a kernel.
 *
 * <p>Invariants: messages are encoded in host byte order (netlink is host-endian), attributes
 * padded to 4 bytes (NLA_ALIGNTO); every request asks for an ACK and waits for the reply with
 * its own sequence number, within a receive timeout and a bounded number of datagrams; a socket
 * may be opened inside a named network namespace, which only the short-lived opening thread
 * ever enters.
 */
package org.hearthmail.tunnel.netlink;
