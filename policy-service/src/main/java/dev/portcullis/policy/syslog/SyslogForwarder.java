package dev.portcullis.policy.syslog;

import dev.portcullis.policy.audit.AuditChainer;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.export.AuditExport;
import dev.portcullis.policy.export.ExportFilter;
import dev.portcullis.policy.export.ExportRow;
import dev.portcullis.policy.persistence.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Forwards the audit chain to a syslog collector. A cursor in the database remembers the last event
 * sent: it moves only after a batch is written, in the same transaction that holds its row lock, so
 * replicas never both send an event, and a collector outage loses nothing: forwarding resumes after
 * the last event sent. Before each batch it checks that the collector has not closed the connection.
 */
@ApplicationScoped
public class SyslogForwarder {

    private static final Logger LOG = Logger.getLogger(SyslogForwarder.class);
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final PortcullisConfig.Syslog config;
    private final Database database;
    private final AuditExport rows;
    private final AuditChainer chainer;
    private final String hostname;
    private final boolean tls;
    private volatile boolean running;
    private Thread worker;
    private Socket socket;

    @Inject
    public SyslogForwarder(PortcullisConfig config, Database database, AuditExport rows, AuditChainer chainer) {
        this.config = config.syslog();
        this.database = database;
        this.rows = rows;
        this.chainer = chainer;
        this.hostname = localHostname();
        this.tls = SyslogTls.use(this.config.tls(), this.config.host());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "syslog-forwarder");
        worker.setDaemon(true);
        worker.start();
        LOG.infof("Forwarding the audit log to syslog collector %s:%d%s", config.host(), config.port(),
                tls ? " over TLS" : "");
        if (!tls && !SyslogTls.loopback(config.host())) {
            LOG.warnf("PORTCULLIS_SYSLOG_TLS=false: audit events go to %s in clear text", config.host());
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5000);
        }
        disconnect();
    }

    private void loop() {
        boolean reported = false;
        while (running) {
            try {
                chainer.chainAll();
                int sent = QuarkusTransaction.requiringNew().call(this::forwardBatch);
                if (reported) {
                    LOG.info("Syslog collector reachable again; forwarding resumed");
                    reported = false;
                }
                if (sent == 0) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                disconnect();
                if (!reported && running) {
                    LOG.warnf("Syslog collector %s:%d unreachable (%s); events wait and will be sent in order",
                            config.host(), config.port(), rootMessage(e));
                    reported = true;
                }
                pause();
            }
        }
    }

    /** Sends the next batch after the cursor and moves the cursor; returns how many were sent. */
    private int forwardBatch() {
        Session session = database.session();
        SyslogCursor cursor = session.find(SyslogCursor.class, SyslogCursor.ROW, LockModeType.PESSIMISTIC_WRITE);
        List<ExportRow> batch = rows.page(new ExportFilter(null, null, null, null, null), cursor.lastId,
                config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            OutputStream out = connection().getOutputStream();
            for (ExportRow event : batch) {
                out.write(Rfc5424.frame(event, hostname));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cursor.lastId = batch.get(batch.size() - 1).id();
        return batch.size();
    }

    private Socket connection() throws IOException {
        if (socket != null && peerClosed(socket)) {
            disconnect();
        }
        if (socket == null) {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(config.host(), config.port()), CONNECT_TIMEOUT_MS);
            plain.setKeepAlive(true);
            socket = tls ? tls(plain) : plain;
            socket.setSoTimeout(10_000);
        }
        return socket;
    }

    /** A collector that went away has closed its end: a read then sees the end of the stream. */
    private static boolean peerClosed(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException broken) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(10_000);
            } catch (IOException ignored) {
                // the next write will tell
            }
        }
    }

    /** TLS over the connected socket, checking that the certificate names the configured host. */
    private Socket tls(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) sslFactory().createSocket(plain, config.host(), config.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private SSLSocketFactory sslFactory() throws IOException {
        if (config.trustStore().isEmpty()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(Path.of(config.trustStore().get()))) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(in, config.trustStorePassword().orElse("").toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the syslog trust store: " + e.getMessage(), e);
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            socket = null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.retryInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }
}
