package dev.portcullis.e2e.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Where an application's login ends in a real browser: a page on loopback that says "signed in",
 * so that the browser lands on the redirect URI (with the code) rather than on an error page.
 */
public final class ClientApp implements AutoCloseable {

    private final HttpServer server;

    private ClientApp(HttpServer server) {
        this.server = server;
    }

    public static ClientApp start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = "<html><body><h1 id=\"signed-in\">Signed in</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return new ClientApp(server);
    }

    /** The redirect URI of application {@code name}, as a browser reaches it by name ({@code localhost}). */
    public String redirectUri(String name) {
        return "http://localhost:" + server.getAddress().getPort() + "/" + name + "/callback";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
