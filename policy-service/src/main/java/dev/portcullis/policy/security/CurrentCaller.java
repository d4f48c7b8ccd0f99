package dev.portcullis.policy.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Who is making the current request, as the audit log records it. */
@RequestScoped
public class CurrentCaller {

    /** Principal names of services: {@code service:vpn}. */
    public static final String SERVICE_PREFIX = "service:";
    /** Set on a service's identity by {@link BearerIdentityProvider}: the service's name. */
    public static final String SERVICE_ATTRIBUTE = "service";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    public Caller get() {
        var current = request.getCurrent();
        return Caller.of(identity, current == null ? null : current.request());
    }

    /**
     * Whether the caller is the identity provider (scope {@code idp}), which alone may state facts about
     * people: first sightings, groups, roles, keys, grace.
     */
    public boolean speaksForPeople() {
        return identity != null && identity.hasRole(Roles.SCOPE_IDP);
    }

    /**
     * The name of the calling service, when a service (not an admin) is calling. Taken from the
     * attribute only a service key sets, never from a principal name a person could choose.
     */
    public Optional<String> serviceName() {
        String name = identity == null || identity.isAnonymous() ? null : identity.getAttribute(SERVICE_ATTRIBUTE);
        return Optional.ofNullable(name);
    }
}
