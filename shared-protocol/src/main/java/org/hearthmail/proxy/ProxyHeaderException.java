package org.hearthmail.proxy;

/** A PROXY header that decoded but cannot be turned into a client address. */
public final class ProxyHeaderException extends Exception {
    public ProxyHeaderException(String message) {
        super(message);
    }
}
