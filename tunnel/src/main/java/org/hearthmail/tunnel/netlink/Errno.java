package org.hearthmail.tunnel.netlink;

/** Names for the errno values netlink requests commonly return, for readable messages. */
final class Errno {
    static final int ENOENT = 2;
    static final int EEXIST = 17;
    static final int ENODEV = 19;

    private Errno() {
    }

    static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case ENOENT -> "ENOENT";
            case 13 -> "EACCES";
            case 16 -> "EBUSY";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case 22 -> "EINVAL";
            case 95 -> "EOPNOTSUPP";
            case 99 -> "EADDRNOTAVAIL";
            default -> "errno " + errno;
        };
    }
}
