package dev.portcullis.policy.syslog;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A syslog collector for tests: TLS on a loopback port, reading octet-counted RFC 5424 frames. It can
 * go away (closing its connections and its port) and come back on the same port.
 */
final class SyslogCollector {

    static final String PASSWORD = "changeit";

    final int port;
    final Path keyStore;
    final List<String> messages = new CopyOnWriteArrayList<>();
    private final SSLContext tls;
    private volatile ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    private SyslogCollector(int port, Path keyStore) throws Exception {
        this.port = port;
        this.keyStore = keyStore;
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
    }

    /** A collector with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    static SyslogCollector create() throws Exception {
        Path dir = Files.createTempDirectory("syslog-collector");
        Path keyStore = dir.resolve("collector.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        return new SyslogCollector(port, keyStore);
    }

    synchronized void start() throws IOException {
        ServerSocket socket = tls.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "syslog-collector");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Goes away: closes every connection and the port. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket client : clients) {
            client.close();
        }
        clients.clear();
    }

    List<String> messagesContaining(String text) {
        List<String> found = new ArrayList<>();
        for (String message : messages) {
            if (message.contains(text)) {
                found.add(message);
            }
        }
        return found;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                Thread reader = new Thread(() -> read(client), "syslog-collector-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Octet counting: digits, a space, then that many bytes of message. */
    private void read(Socket client) {
        try (DataInputStream in = new DataInputStream(client.getInputStream())) {
            while (true) {
                int length = 0;
                for (int c = in.read(); c != ' '; c = in.read()) {
                    if (c < '0' || c > '9') {
                        throw new EOFException();
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] message = new byte[length];
                in.readFully(message);
                messages.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (IOException gone) {
            // the connection ended
        }
    }
}
