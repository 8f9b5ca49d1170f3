package org.hearthmail.xclient;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The client facts an XCLIENT exchange carries (Postfix XCLIENT_README). Each component is
 * {@link XClientValue.Absent} when not sent. Known values are validated on construction with the
 * same rules the parser applies, so whatever is built here can be encoded and parsed back.
 */
public record XClientAttributes(XClientValue<String> name, XClientValue<InetAddress> addr, XClientValue<Integer> port,
                                XClientValue<String> helo, XClientValue<XClientProto> proto,
                                XClientValue<String> login, XClientValue<InetAddress> destAddr,
                                XClientValue<Integer> destPort) {

    public XClientAttributes {
        name = orAbsent(name);
        addr = orAbsent(addr);
        port = orAbsent(port);
        helo = orAbsent(helo);
        proto = orAbsent(proto);
        login = orAbsent(login);
        destAddr = orAbsent(destAddr);
        destPort = orAbsent(destPort);
        try {
            if (name instanceof XClientValue.Known<String> k) {
                AttributeValues.checkHostname(k.value());
            }
            if (helo instanceof XClientValue.Known<String> k) {
                AttributeValues.checkHelo(k.value());
            }
            if (login instanceof XClientValue.Known<String> k) {
                AttributeValues.checkLogin(k.value());
            }
        } catch (XClientSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        checkAddress("ADDR", addr);
        checkAddress("DESTADDR", destAddr);
        checkPort("PORT", port);
        checkPort("DESTPORT", destPort);
        for (XClientValue<?> v : new XClientValue<?>[] {addr, port, helo, proto, login, destAddr, destPort}) {
            if (v instanceof XClientValue.TempUnavailable) {
                // Postfix XCLIENT_README: [TEMPUNAVAIL] is defined for NAME only.
                throw new IllegalArgumentException("only NAME can be [TEMPUNAVAIL]");
            }
        }
    }

    public static XClientAttributes none() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().name(name).addr(addr).port(port).helo(helo).proto(proto).login(login)
                .destAddr(destAddr).destPort(destPort);
    }

    public XClientValue<?> value(XClientAttribute attribute) {
        return switch (attribute) {
            case NAME -> name;
            case ADDR -> addr;
            case PORT -> port;
            case HELO -> helo;
            case PROTO -> proto;
            case LOGIN -> login;
            case DESTADDR -> destAddr;
            case DESTPORT -> destPort;
        };
    }

    public boolean isEmpty() {
        for (XClientAttribute a : XClientAttribute.values()) {
            if (value(a).isSent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The state after a later XCLIENT command: attributes it sent replace ours (Postfix applies
     * each command's attributes on top of the session's current ones).
     */
    public XClientAttributes mergedWith(XClientAttributes later) {
        return new XClientAttributes(pick(name, later.name), pick(addr, later.addr), pick(port, later.port),
                pick(helo, later.helo), pick(proto, later.proto), pick(login, later.login),
                pick(destAddr, later.destAddr), pick(destPort, later.destPort));
    }

    private static <T> XClientValue<T> pick(XClientValue<T> earlier, XClientValue<T> later) {
        return later.isSent() ? later : earlier;
    }

    private static <T> XClientValue<T> orAbsent(XClientValue<T> value) {
        return value == null ? XClientValue.absent() : value;
    }

    private static void checkAddress(String attribute, XClientValue<InetAddress> value) {
        if (value instanceof XClientValue.Known<InetAddress> k && k.value() instanceof Inet6Address v6
                && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            throw new IllegalArgumentException(attribute + " must not carry an IPv6 scope: " + v6);
        }
    }

    private static void checkPort(String attribute, XClientValue<Integer> value) {
        if (value instanceof XClientValue.Known<Integer> k && (k.value() < 0 || k.value() > 65535)) {
            throw new IllegalArgumentException(attribute + " must be 0..65535, was " + k.value());
        }
    }

    /** Builds attributes; unset ones stay absent. */
    public static final class Builder {
        private XClientValue<String> name;
        private XClientValue<InetAddress> addr;
        private XClientValue<Integer> port;
        private XClientValue<String> helo;
        private XClientValue<XClientProto> proto;
        private XClientValue<String> login;
        private XClientValue<InetAddress> destAddr;
        private XClientValue<Integer> destPort;

        private Builder() {
        }

        public Builder name(XClientValue<String> v) { name = v; return this; }
        public Builder name(String v) { return name(XClientValue.of(v)); }
        public Builder addr(XClientValue<InetAddress> v) { addr = v; return this; }
        public Builder addr(InetAddress v) { return addr(XClientValue.of(v)); }
        public Builder port(XClientValue<Integer> v) { port = v; return this; }
        public Builder port(int v) { return port(XClientValue.of(v)); }
        public Builder helo(XClientValue<String> v) { helo = v; return this; }
        public Builder helo(String v) { return helo(XClientValue.of(v)); }
        public Builder proto(XClientValue<XClientProto> v) { proto = v; return this; }
        public Builder proto(XClientProto v) { return proto(XClientValue.of(v)); }
        public Builder login(XClientValue<String> v) { login = v; return this; }
        public Builder login(String v) { return login(XClientValue.of(v)); }
        public Builder destAddr(XClientValue<InetAddress> v) { destAddr = v; return this; }
        public Builder destAddr(InetAddress v) { return destAddr(XClientValue.of(v)); }
        public Builder destPort(XClientValue<Integer> v) { destPort = v; return this; }
        public Builder destPort(int v) { return destPort(XClientValue.of(v)); }

        public XClientAttributes build() {
            return new XClientAttributes(name, addr, port, helo, proto, login, destAddr, destPort);
        }
    }
}
