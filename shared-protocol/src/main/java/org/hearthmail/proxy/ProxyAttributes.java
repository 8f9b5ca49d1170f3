package org.hearthmail.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** Channel attributes set by this package. */
public final class ProxyAttributes {

    /** The client's address as resolved by {@link ProxyProtocolHandler}; set before {@link ClientAddressResolved}. */
    public static final AttributeKey<ProxiedAddress> CLIENT = AttributeKey.valueOf(ProxyAttributes.class, "CLIENT");

    private ProxyAttributes() {
    }

    /** The resolved client, or null while the PROXY header has not been read yet. */
    public static ProxiedAddress client(Channel channel) {
        return channel.attr(CLIENT).get();
    }
}
