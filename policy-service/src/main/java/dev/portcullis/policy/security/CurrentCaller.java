package dev.portcullis.policy.security;

import dev.portcullis.policy.audit.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Who is making the current request, as the audit log records it. */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    public Caller get() {
        var current = request.getCurrent();
        return Caller.of(identity, current == null ? null : current.request());
    }
}
