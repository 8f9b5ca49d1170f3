package org.hearthmail.relay.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain SMTP client on a real socket from a chosen loopback address. */
final class SenderSocket implements AutoCloseable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    SenderSocket(InetSocketAddress server, String source) throws IOException {
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(server, 5000);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        assertThat(reply()).startsWith("220");
    }

    void ehlo(String name) throws IOException {
        assertThat(command("EHLO " + name)).startsWith("250");
    }

    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** One message; the content is dot-stuffed here (RFC 5321 §4.5.2). Returns the final reply. */
    String send(String rcpt, String content) throws IOException {
        assertThat(command("MAIL FROM:<bob@sender.example>")).startsWith("250");
        assertThat(command("RCPT TO:<" + rcpt + ">")).startsWith("250");
        assertThat(command("DATA")).startsWith("354");
        String stuffed = content.replace("\r\n.", "\r\n..");
        out.write((stuffed + ".\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    void quit() throws IOException {
        command("QUIT");
    }

    /** One reply, its last line (the code and text of a one-line reply). */
    String reply() throws IOException {
        for (int guard = 0; guard < 100; guard++) {
            String line = in.readLine();
            if (line == null || line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
        throw new IOException("reply longer than 100 lines");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
