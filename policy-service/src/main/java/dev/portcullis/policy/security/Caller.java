package dev.portcullis.policy.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Who made a request, as the audit log records it: a principal name and a client address. */
public record Caller(String actor, String ip) {

    public static Caller of(SecurityIdentity identity, HttpServerRequest request) {
        String actor = identity == null || identity.isAnonymous() ? "anonymous" : actorOf(identity);
        String ip = request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new Caller(actor, ip);
    }

    /** {@code person:carol} for someone signed in through Keycloak; else the principal's name. */
    private static String actorOf(SecurityIdentity identity) {
        String actor = identity.getAttribute(PersonRoles.ACTOR_ATTRIBUTE);
        return actor != null ? actor : identity.getPrincipal().getName();
    }
}
