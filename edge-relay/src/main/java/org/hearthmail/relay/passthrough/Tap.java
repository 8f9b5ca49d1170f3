package org.hearthmail.relay.passthrough;

import io.netty.buffer.ByteBuf;

/** Sees the bytes passing through, read-only, before they are forwarded (byte counts, tests). */
interface Tap {

    enum Direction { CLIENT_TO_MAILSTORE, MAILSTORE_TO_CLIENT }

    /** {@code data} is a read-only view valid only during the call; do not retain or release it. */
    void bytes(Direction direction, ByteBuf data);

    Tap NONE = (d, b) -> { };
}
