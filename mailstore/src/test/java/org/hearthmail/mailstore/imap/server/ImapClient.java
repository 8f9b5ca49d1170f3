package org.hearthmail.mailstore.imap.server;

import org.hearthmail.testsupport.TrustAllTls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal IMAP client for transcript tests: sends raw lines and reads responses, literals
 * included inline. Every read has a timeout, so a missing response fails the test instead of
 * hanging it.
 */
final class ImapClient implements AutoCloseable {
    /** A literal or a literal8 ({@code ~{n}}, RFC 3516) at the end of a response line. */
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");
    /** The octets of every literal read, in order, exactly as received (binary-safe). */
    final List<byte[]> literals = new ArrayList<>();
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    ImapClient(InetSocketAddress address, boolean tls) throws IOException {
        socket = tls ? trustingContext().getSocketFactory().createSocket() : new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Test-only: the server's self-signed certificate is trusted without checks. */
    static SSLContext trustingContext() {
        return TrustAllTls.context();
    }

    /** Wraps the connection in TLS after a STARTTLS OK. */
    void startTls() throws IOException {
        SSLSocket s = (SSLSocket) trustingContext().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        s.startHandshake();
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** RFC 4978: raw DEFLATE both ways after COMPRESS DEFLATE was answered OK. */
    void compress() {
        in = new java.util.zip.InflaterInputStream(in, new java.util.zip.Inflater(true));
        out = new java.util.zip.DeflaterOutputStream(out, new java.util.zip.Deflater(6, true), true);
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendBytes(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** One response line, a literal's octets appended after its {n}CRLF. Null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                Matcher m = LITERAL.matcher(s);
                if (m.find()) {
                    byte[] lit = in.readNBytes(Integer.parseInt(m.group(1)));
                    literals.add(lit);
                    line.reset();
                    line.writeBytes((s + "\r\n").getBytes(StandardCharsets.UTF_8));
                    line.writeBytes(lit);
                    continue;
                }
                return s;
            }
            line.write(b);
        }
    }

    /** Sends {@code tag + " " + command} and reads up to and including the tagged response. */
    List<String> command(String tag, String command) throws IOException {
        send(tag + " " + command + "\r\n");
        return readUntilTagged(tag);
    }

    List<String> readUntilTagged(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String l = readLine();
            if (l == null) {
                throw new IOException("connection closed; got " + lines);
            }
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new IOException("no tagged response");
    }

    static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
