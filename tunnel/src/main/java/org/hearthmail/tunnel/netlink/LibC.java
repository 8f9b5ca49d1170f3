package org.hearthmail.tunnel.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/** The few libc calls netlink needs; errors surface as LastErrorException carrying errno. */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    // include/linux/socket.h, include/uapi/linux/netlink.h, asm-generic/socket.h, fcntl.h, sched.h
    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;
    int NETLINK_GENERIC = 16;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;
    int EAGAIN = 11;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    NativeLong send(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    int setsockopt(int fd, int level, int option, byte[] value, int length) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
