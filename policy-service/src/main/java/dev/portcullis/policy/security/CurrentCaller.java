package dev.portcullis.policy.security;

import dev.portcullis.policy.audit.Caller;
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

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    public Caller get() {
        var current = request.getCurrent();
        return Caller.of(identity, current == null ? null : current.request());
    }

    /** The name of the calling service, when a service (not an admin) is calling. */
    public Optional<String> serviceName() {
        String name = identity == null || identity.isAnonymous() ? "" : identity.getPrincipal().getName();
        return name.startsWith(SERVICE_PREFIX) ? Optional.of(name.substring(SERVICE_PREFIX.length())) : Optional.empty();
    }
}
