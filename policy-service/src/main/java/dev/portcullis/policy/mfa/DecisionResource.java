package dev.portcullis.policy.mfa;

import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The login decision, asked by Keycloak (scope {@code mfa}) after the password step. */
@Path("/api/v1/decisions/login")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionResource {

    @Inject
    DecisionService decisions;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Roles.SCOPE_MFA)
    public Decision decide(@NotNull(message = "is required") @Valid DecisionRequest request) {
        return decisions.decide(request, caller.get(), caller.serviceName());
    }
}
