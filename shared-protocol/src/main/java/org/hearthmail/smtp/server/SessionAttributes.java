package org.hearthmail.smtp.server;

import io.netty.util.AttributeKey;

/**
 * Channel attributes that handlers in front of the session (such as the relay's connection gate)
 * set before the session starts, and that the session reads when it begins.
 */
public final class SessionAttributes {

    /**
     * The client's host name as verified by forward-confirmed reverse DNS, set before
     * channelActive reaches the session; it becomes {@link SessionInfo#clientName()} (and so
     * XCLIENT NAME towards the next hop). Absent means unknown.
     */
    public static final AttributeKey<String> VERIFIED_CLIENT_NAME = AttributeKey.valueOf("hearthmail.verifiedClientName");

    private SessionAttributes() { }
}
