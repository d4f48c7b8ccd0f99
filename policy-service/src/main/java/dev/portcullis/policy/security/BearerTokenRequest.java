package dev.portcullis.policy.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A bearer token (service API key or bootstrap admin token) waiting to be checked, with what this
 * request's connection showed: the pin of its verified client certificate (null: none) and the
 * client's address, for the audit log.
 */
public final class BearerTokenRequest extends BaseAuthenticationRequest {

    private final String token;
    private final CertificatePin clientCertificate;
    private final String clientAddress;

    public BearerTokenRequest(String token) {
        this(token, null, null);
    }

    public BearerTokenRequest(String token, CertificatePin clientCertificate, String clientAddress) {
        this.token = token;
        this.clientCertificate = clientCertificate;
        this.clientAddress = clientAddress;
    }

    public String token() {
        return token;
    }

    /** The pin of the client certificate the TLS handshake verified, or null without one. */
    public CertificatePin clientCertificate() {
        return clientCertificate;
    }

    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public String toString() {
        return "BearerTokenRequest[redacted]";
    }
}
