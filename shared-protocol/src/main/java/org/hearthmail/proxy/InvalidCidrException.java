package org.hearthmail.proxy;

/** A trusted-source entry that is not an IP address or CIDR block; the message names the bad text. */
public final class InvalidCidrException extends IllegalArgumentException {
    public InvalidCidrException(String message) {
        super(message);
    }
}
