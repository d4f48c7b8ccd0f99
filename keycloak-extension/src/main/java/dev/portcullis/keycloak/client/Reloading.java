package dev.portcullis.keycloak.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * What a file holds (a trust store, a key store), read again when its bytes change, so a certificate
 * that cert-manager renews, or a CA bundle an operator extends, is used without a restart. The file is
 * looked at no more than once every {@link #CHECK_EVERY}, and only when the value is asked for (a new
 * TLS handshake). A changed file that cannot be used (half written, a wrong password) is reported and
 * the last good value kept: a renewal never turns into an outage, and never into anything weaker.
 * The first read must succeed: at startup an unusable file leaves the connection unconfigured.
 */
final class Reloading<T> {

    static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(Reloading.class);

    /** Turns the file's bytes into the value. */
    @FunctionalInterface
    interface Loader<T> {
        T load(byte[] content) throws GeneralSecurityException;
    }

    private final Path file;
    private final String option;
    private final Loader<T> loader;
    private final Duration every;
    private volatile T value;
    private volatile byte[] digest;
    private volatile long checked;

    Reloading(Path file, String option, Loader<T> loader, Duration every) throws GeneralSecurityException {
        this.file = file;
        this.option = option;
        this.loader = loader;
        this.every = every;
        byte[] content = read();
        this.value = loader.load(content);
        this.digest = sha256(content);
        this.checked = System.nanoTime();
    }

    /** The value, read again first if the file has changed since it was last looked at. */
    T get() {
        if (System.nanoTime() - checked >= every.toNanos()) {
            check();
        }
        return value;
    }

    /** The value as it is, without looking at the file: for the calls within one handshake. */
    T current() {
        return value;
    }

    private synchronized void check() {
        if (System.nanoTime() - checked < every.toNanos()) {
            return;
        }
        checked = System.nanoTime();
        byte[] content;
        try {
            content = read();
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("%s %s cannot be read now (%s); the previous one stays in use", option, file,
                    unreadable.getMessage());
            return;
        }
        byte[] seen = sha256(content);
        if (Arrays.equals(seen, digest)) {
            return;
        }
        digest = seen; // a bad version is reported once, and tried again when it changes
        try {
            value = loader.load(content);
            LOG.infof("%s %s changed: the new one is used for new connections", option, file);
        } catch (GeneralSecurityException | RuntimeException unusable) {
            LOG.warnf("%s %s changed but cannot be used (%s); the previous one stays in use", option, file,
                    unusable.getMessage());
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
