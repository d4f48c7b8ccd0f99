package dev.portcullis.policy.bootstrap;

import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The bootstrap admin token's lifecycle: its status, and its switch-off by an OIDC admin once one
 * exists (for every replica at once, from the next request).
 */
@Path("/api/v1/admin/bootstrap-token")
@Produces(MediaType.APPLICATION_JSON)
public class BootstrapTokenResource {

    @Inject
    BootstrapTokenLedger ledger;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public BootstrapTokenStatus status() {
        return ledger.status();
    }

    @POST
    @Path("disable")
    @RolesAllowed(Roles.ADMIN)
    public BootstrapTokenStatus disable() {
        return ledger.disable(caller.get());
    }
}
