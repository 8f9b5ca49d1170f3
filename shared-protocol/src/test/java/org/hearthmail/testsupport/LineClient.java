package org.hearthmail.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A minimal line-based (SMTP) test client over a real socket, optionally from a chosen source address, with TLS upgrade. */
public final class LineClient implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    public LineClient(InetSocketAddress address) throws IOException {
        this(address, null);
    }

    /** Connects from {@code sourceAddress} (a loopback address such as 127.0.0.2) when not null. */
    public LineClient(InetSocketAddress address, String sourceAddress) throws IOException {
        socket = new Socket();
        if (sourceAddress != null) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
        }
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        streams();
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    public void send(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One complete (possibly multi-line) reply, lines joined with \n. */
    public String reply() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return sb.length() == 0 ? null : sb.toString();
            }
            sb.append(sb.length() == 0 ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return sb.toString();
            }
        }
    }

    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    public SSLSocket startTls() throws Exception {
        SSLContext ctx = TrustAllTls.context();
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(socket, "mx.example.test", socket.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        socket = ssl;
        streams();
        return ssl;
    }

    /** True when the server closed the connection (end of stream, or reset). */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
