package dev.portcullis.keycloak.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's own trust and key managers, taken afresh from {@link Reloading} files at each handshake:
 * the SSL context (and the HTTP client holding it) stays, the certificates behind it follow the files.
 * Host name verification stays with the JDK's trust manager, which is handed the engine.
 */
final class ReloadingManagers {

    private ReloadingManagers() {
    }

    /** Trusts the CAs the trust store holds now. */
    static final class Trust extends X509ExtendedTrustManager {

        private final Reloading<X509ExtendedTrustManager> store;

        Trust(Reloading<X509ExtendedTrustManager> store) {
            this.store = store;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            store.get().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            store.get().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            store.get().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            store.get().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            store.get().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            store.get().checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return store.get().getAcceptedIssuers();
        }
    }

    /**
     * Presents the client certificate the key store holds now. The store is looked at when a handshake
     * chooses its certificate; the chain and the key are then read from the version current at that
     * moment (a renewal landing between those two calls of one handshake fails that handshake alone,
     * and that call fails as a dropped connection would).
     */
    static final class Keys extends X509ExtendedKeyManager {

        private final Reloading<X509ExtendedKeyManager> store;

        Keys(Reloading<X509ExtendedKeyManager> store) {
            this.store = store;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return store.get().chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return store.get().chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return store.current().getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return store.current().getPrivateKey(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return store.current().getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return store.current().getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return store.current().chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return store.current().chooseEngineServerAlias(keyType, issuers, engine);
        }
    }
}
