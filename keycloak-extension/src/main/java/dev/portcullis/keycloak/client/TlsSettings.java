package dev.portcullis.keycloak.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.keycloak.Config;

/**
 * How the node proves the policy service is the policy service, and optionally itself to it:
 * {@code trust-store} (a PEM file of CA certificates, or PKCS#12 with {@code trust-store-password})
 * replaces the JVM's CAs for this connection only; {@code key-store} (PKCS#12, {@code key-store-password})
 * holds the client certificate for mutual TLS. Files are read once at startup; an unreadable one makes
 * the connection unconfigured, so MFA fails closed instead of falling back to anything weaker.
 */
record TlsSettings(Optional<String> trustStore, Optional<String> keyStore, SSLContext context) {

    static final String TRUST_STORE = "trust-store";
    static final String TRUST_STORE_PASSWORD = "trust-store-password";
    static final String KEY_STORE = "key-store";
    static final String KEY_STORE_PASSWORD = "key-store-password";

    /** The settings the options give, for a URL of {@code scheme}. */
    static TlsSettings from(Config.Scope scope, String scheme) {
        Optional<String> trustStore = option(scope, TRUST_STORE);
        Optional<String> keyStore = option(scope, KEY_STORE);
        if (trustStore.isEmpty() && keyStore.isEmpty()) {
            return new TlsSettings(trustStore, keyStore, null);
        }
        if (!"https".equals(scheme)) {
            throw new IllegalArgumentException(TRUST_STORE + " and " + KEY_STORE + " need an https url");
        }
        try {
            TrustManagerFactory trust = null;
            if (trustStore.isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted(Path.of(trustStore.get()), scope.get(TRUST_STORE_PASSWORD, "")));
            }
            KeyManagerFactory keys = null;
            if (keyStore.isPresent()) {
                char[] password = scope.get(KEY_STORE_PASSWORD, "").toCharArray();
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(pkcs12(Path.of(keyStore.get()), password, KEY_STORE), password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return new TlsSettings(trustStore, keyStore, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS settings cannot be used: " + e.getMessage());
        }
    }

    /** PEM certificates (what cert-manager writes as ca.crt) or a PKCS#12 store. */
    static KeyStore trusted(Path file, String password) throws GeneralSecurityException {
        byte[] content = read(file, TRUST_STORE);
        if (!new String(content, 0, Math.min(content.length, 64), StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            return pkcs12(file, password.toCharArray(), TRUST_STORE);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(content))) {
            store.setCertificateEntry("ca-" + n++, certificate);
        }
        if (n == 0) {
            throw new IllegalArgumentException(TRUST_STORE + " " + file + " holds no certificate");
        }
        return store;
    }

    private static KeyStore pkcs12(Path file, char[] password, String option) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read as PKCS#12 (wrong password?): "
                    + e.getMessage());
        }
        return store;
    }

    private static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static Optional<String> option(Config.Scope scope, String key) {
        String value = scope.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
