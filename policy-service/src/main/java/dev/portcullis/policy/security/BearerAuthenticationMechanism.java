package dev.portcullis.policy.security;

import dev.portcullis.policy.config.PortcullisConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.Certificate;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Reads {@code Authorization: Bearer <token>}: service API keys and the bootstrap admin token. No
 * header means an anonymous caller (the endpoint's role check then answers 401); a malformed header
 * or an unknown token fails authentication (401). A signed JWT (a person's Keycloak token) is left
 * to the OIDC mechanism, which runs after this one; with no issuer configured nobody verifies it and
 * the caller stays anonymous. Console pages are left to OIDC entirely, so that their challenge is a
 * redirect to the sign-in page rather than a 401. Where client certificates are required
 * ({@code portcullis.auth.client-certificate}), a key over a connection without a trusted client
 * certificate fails authentication before it is even looked up. The pin of the connection's verified
 * client certificate travels with the token, so that the key of a service pinned to another
 * certificate is refused ({@link BearerIdentityProvider}), whether or not certificates are required.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String PREFIX = "Bearer ";
    /** Longer than any key or token we issue or accept; stops hostile headers early. */
    static final int MAX_TOKEN_LENGTH = 512;

    private final boolean clientCertificateRequired;

    @Inject
    public BearerAuthenticationMechanism(PortcullisConfig config) {
        this.clientCertificateRequired =
                config.auth().clientCertificate() == PortcullisConfig.Auth.ClientCertificate.REQUIRED;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || ConsolePaths.isConsole(context) || isJwt(header)) {
            return Uni.createFrom().nullItem();
        }
        if (header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || header.length() > PREFIX.length() + MAX_TOKEN_LENGTH) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed Authorization header"));
        }
        CertificatePin certificate = clientCertificate(context);
        if (clientCertificateRequired && certificate == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "API keys are accepted only over TLS with a trusted client certificate"));
        }
        var address = context.request().remoteAddress();
        BearerTokenRequest request = new BearerTokenRequest(header.substring(PREFIX.length()).trim(), certificate,
                address == null ? null : address.hostAddress());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    /**
     * The pin of the client certificate that this connection's TLS handshake verified against the trust
     * store (the first of the chain, the client's own); null without TLS or without a certificate.
     */
    static CertificatePin clientCertificate(RoutingContext context) {
        SSLSession session = context.request().isSSL() ? context.request().sslSession() : null;
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 ? CertificatePin.of(chain[0]) : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Three base64url parts after the scheme: a JWT, never one of our opaque keys. */
    static boolean isJwt(String header) {
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        String token = header.substring(PREFIX.length()).trim();
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return token.startsWith("eyJ") && second > first + 1 && token.indexOf('.', second + 1) < 0
                && second < token.length() - 1;
    }

    /** Ahead of the OIDC mechanism, which then sees only what this one leaves. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (ConsolePaths.isConsole(context)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"portcullis\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BearerTokenRequest.class);
    }
}
