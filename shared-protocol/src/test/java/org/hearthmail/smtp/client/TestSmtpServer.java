package org.hearthmail.smtp.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small, real SMTP server on a loopback socket for the features smtp-sink lacks (STARTTLS,
 * CHUNKING, AUTH with 235, XCLIENT with 220) and for misbehaviour. One thread per connection;
 * everything it reads is recorded for assertions. Test code only.
 */
final class TestSmtpServer implements AutoCloseable {

    /** What the server does; mutable only before the first connection. */
    static final class Options {
        List<String> extensions = new ArrayList<>(List.of("PIPELINING", "ENHANCEDSTATUSCODES"));
        SSLContext tls;
        String user = "alice";
        String password = "s3cret";
        /** Bytes sent in plaintext right after the 220 to STARTTLS (injection test). */
        String injectAfterStartTls;
        /** A command verb the server never answers (timeout test). */
        String silentOn;
        /** Answer EHLO with 502 (HELO fallback test). */
        boolean refuseEhlo;
        /** Withhold MAIL and RCPT replies until DATA arrives: only a pipelining client gets through. */
        boolean holdRepliesUntilData;
    }

    private final Options options;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    final List<String> transcript = new CopyOnWriteArrayList<>();

    TestSmtpServer(Options options) throws IOException {
        this.options = options;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "test-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        for (int i = 0; i < 64 && !server.isClosed(); i++) { // bounded: tests open few connections
            try {
                Socket s = server.accept();
                s.setSoTimeout(20_000);
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "test-smtp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try {
            Socket s = socket;
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            reply(out, "220 test.example ESMTP ready");
            boolean tls = false;
            ByteArrayOutputStream bdat = new ByteArrayOutputStream();
            StringBuilder held = new StringBuilder();
            for (int n = 0; n < 100_000; n++) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                transcript.add(line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                if (verb.equals(options.silentOn)) {
                    continue;
                }
                switch (verb) {
                    case "EHLO" -> {
                        if (options.refuseEhlo) {
                            reply(out, "502 5.5.1 EHLO not implemented");
                            break;
                        }
                        StringBuilder sb = new StringBuilder("250-test.example hello\r\n");
                        List<String> ext = new ArrayList<>(options.extensions);
                        if (tls) {
                            ext.remove("STARTTLS");
                        }
                        for (int i = 0; i < ext.size(); i++) {
                            sb.append(i == ext.size() - 1 ? "250 " : "250-").append(ext.get(i)).append("\r\n");
                        }
                        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    case "HELO" -> reply(out, "250 test.example");
                    case "STARTTLS" -> {
                        String inject = options.injectAfterStartTls;
                        out.write(("220 2.0.0 Go ahead\r\n" + (inject == null ? "" : inject)).getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (inject != null) {
                            readLine(in); // the client should hang up; wait for EOF
                            return;
                        }
                        SSLSocket ssl = (SSLSocket) options.tls.getSocketFactory().createSocket(s, null, s.getPort(), false);
                        ssl.setUseClientMode(false);
                        ssl.startHandshake();
                        s = ssl;
                        in = new BufferedInputStream(ssl.getInputStream());
                        out = ssl.getOutputStream();
                        tls = true;
                    }
                    case "AUTH" -> auth(line, in, out);
                    case "XCLIENT" -> reply(out, "220 test.example ESMTP ready");
                    case "MAIL", "RCPT" -> {
                        String r = verb.equals("MAIL") ? "250 2.1.0 Ok"
                                : line.toLowerCase(Locale.ROOT).contains("unknown") ? "550 5.1.1 No such user" : "250 2.1.5 Ok";
                        if (options.holdRepliesUntilData) {
                            held.append(r).append("\r\n");
                        } else {
                            reply(out, r);
                        }
                    }
                    case "DATA" -> {
                        reply(out, held + "354 End data with <CR><LF>.<CR><LF>");
                        held.setLength(0);
                        messages.add(readDotStuffed(in));
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    case "BDAT" -> {
                        String[] p = line.split(" ");
                        int size = Integer.parseInt(p[1]);
                        bdat.write(in.readNBytes(size));
                        if (p.length > 2 && p[2].equalsIgnoreCase("LAST")) {
                            messages.add(bdat.toByteArray());
                            bdat.reset();
                            reply(out, "250 2.0.0 Ok: queued (" + size + " octets)");
                        } else {
                            reply(out, "250 2.0.0 " + size + " octets received");
                        }
                    }
                    case "RSET", "NOOP" -> reply(out, "250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "500 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // the client hung up or the test closed the server
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after failure; nothing else to do
            }
        }
    }

    private void auth(String line, InputStream in, OutputStream out) throws IOException {
        String[] p = line.split(" ");
        String user;
        String pass;
        if (p[1].equalsIgnoreCase("PLAIN")) {
            String[] parts = new String(Base64.getDecoder().decode(p[2]), StandardCharsets.UTF_8).split("\0", -1);
            user = parts[1];
            pass = parts[2];
        } else {
            reply(out, "334 VXNlcm5hbWU6");
            user = new String(Base64.getDecoder().decode(readLine(in)), StandardCharsets.UTF_8);
            reply(out, "334 UGFzc3dvcmQ6");
            pass = new String(Base64.getDecoder().decode(readLine(in)), StandardCharsets.UTF_8);
        }
        reply(out, user.equals(options.user) && pass.equals(options.password)
                ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
    }

    private static byte[] readDotStuffed(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (;;) {
            byte[] line = readRawLine(in);
            if (line == null) {
                throw new IOException("EOF in DATA");
            }
            if (line.length == 3 && line[0] == '.' && line[1] == '\r') {
                return body.toByteArray();
            }
            int off = line.length > 0 && line[0] == '.' ? 1 : 0; // RFC 5321 §4.5.2 undo transparency
            body.write(line, off, line.length - off);
        }
    }

    private static byte[] readRawLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n') {
                return b.toByteArray();
            }
        }
        return b.size() == 0 ? null : b.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] raw = readRawLine(in);
        if (raw == null) {
            return null;
        }
        String s = new String(raw, StandardCharsets.UTF_8);
        return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.strip();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
