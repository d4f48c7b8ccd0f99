package dev.portcullis.keycloak.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.keycloak.Config;

/**
 * How the node proves the policy service is the policy service, and optionally itself to it:
 * {@code trust-store} (a PEM file of CA certificates, or PKCS#12 with {@code trust-store-password})
 * replaces the JVM's CAs for this connection only; {@code key-store} (PKCS#12, {@code key-store-password})
 * holds the client certificate for mutual TLS. Files are read at startup, where an unreadable one makes
 * the connection unconfigured, so MFA fails closed instead of falling back to anything weaker; after
 * that they are read again when they change ({@link Reloading}), so a renewed certificate or CA bundle
 * is used by the next connection without a restart.
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
            ReloadingManagers.Trust trust = null;
            if (trustStore.isPresent()) {
                Path file = Path.of(trustStore.get());
                String password = scope.get(TRUST_STORE_PASSWORD, "");
                trust = new ReloadingManagers.Trust(new Reloading<>(file, TRUST_STORE,
                        content -> trustManager(trusted(content, file, password)), Reloading.CHECK_EVERY));
            }
            ReloadingManagers.Keys keys = null;
            if (keyStore.isPresent()) {
                Path file = Path.of(keyStore.get());
                char[] password = scope.get(KEY_STORE_PASSWORD, "").toCharArray();
                keys = new ReloadingManagers.Keys(new Reloading<>(file, KEY_STORE,
                        content -> keyManager(pkcs12(content, file, password, KEY_STORE), password),
                        Reloading.CHECK_EVERY));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : new KeyManager[] {keys},
                    trust == null ? null : new TrustManager[] {trust}, null);
            return new TlsSettings(trustStore, keyStore, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS settings cannot be used: " + e.getMessage());
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static X509ExtendedKeyManager keyManager(KeyStore store, char[] password) throws GeneralSecurityException {
        boolean hasKey = false;
        for (String alias : java.util.Collections.list(store.aliases())) {
            hasKey |= store.isKeyEntry(alias);
        }
        if (!hasKey) {
            // without a key the client certificate would silently stop being sent
            throw new IllegalArgumentException(KEY_STORE + " holds no private key");
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 key manager");
    }

    /** PEM certificates (what cert-manager writes as ca.crt) or a PKCS#12 store. */
    static KeyStore trusted(Path file, String password) throws GeneralSecurityException {
        return trusted(read(file, TRUST_STORE), file, password);
    }

    static KeyStore trusted(byte[] content, Path file, String password) throws GeneralSecurityException {
        if (!new String(content, 0, Math.min(content.length, 64), StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            KeyStore store = pkcs12(content, file, password.toCharArray(), TRUST_STORE);
            if (store.size() == 0) {
                // an empty store would make every handshake fail: refused, so a renewal keeps the last good one
                throw new IllegalArgumentException(TRUST_STORE + " " + file + " holds no certificate");
            }
            return store;
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

    private static KeyStore pkcs12(byte[] content, Path file, char[] password, String option)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(new java.io.ByteArrayInputStream(content), password);
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
