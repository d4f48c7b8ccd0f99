package dev.portcullis.policy.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token (service API key or bootstrap admin token) waiting to be checked. */
public final class BearerTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public BearerTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "BearerTokenRequest[redacted]";
    }
}
