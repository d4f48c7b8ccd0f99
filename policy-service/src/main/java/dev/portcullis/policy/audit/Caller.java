package dev.portcullis.policy.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Who made a request, as the audit log records it: a principal name and a client address. */
public record Caller(String actor, String ip) {

    public static Caller of(SecurityIdentity identity, HttpServerRequest request) {
        String actor = identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        String ip = request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new Caller(actor, ip);
    }
}
