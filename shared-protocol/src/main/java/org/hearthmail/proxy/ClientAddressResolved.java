package org.hearthmail.proxy;

import java.util.Objects;

/**
 * User event fired once per connection, after {@link ProxyAttributes#CLIENT} is set. A server
 * behind {@link ProxyProtocolHandler} greets on this event, not on channelActive, so that no byte
 * is written before the PROXY header has been read.
 */
public record ClientAddressResolved(ProxiedAddress client) {
    public ClientAddressResolved {
        Objects.requireNonNull(client, "client");
    }
}
