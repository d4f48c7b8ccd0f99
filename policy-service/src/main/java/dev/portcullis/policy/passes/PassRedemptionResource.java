package dev.portcullis.policy.passes;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import dev.portcullis.policy.throttle.Throttle;
import dev.portcullis.policy.throttle.Throttled;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An access pass entered at sign-in, for scope {@code enrol} alone: only a service that checks the
 * person's password itself and then lets them bind a factor (Keycloak's browser flow) takes one.
 * Throttled like codes: each answer says whether a guess is a pass.
 */
@Path("/api/v1/subjects/{subject}/access-pass/verify")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PassRedemptionResource {

    @Inject
    AccessPasses passes;

    @Inject
    CurrentCaller caller;

    @Inject
    People people;

    @Inject
    Throttle throttle;

    @POST
    @RolesAllowed(Roles.SCOPE_ENROL)
    public AccessPasses.Redemption redeem(@PathParam("subject") String raw, PassEntry body) {
        String subject = people.key("subject", raw);
        if (body == null || body.pass() == null || body.pass().isEmpty()) {
            throw ApiProblem.invalidField("pass", "is required");
        }
        throttle.admit(Throttled.CODE_VERIFY, caller.serviceName().orElse(null), subject, caller.get());
        return passes.redeem(subject, body.pass(), caller.get());
    }

    public record PassEntry(String pass) {
        @Override
        public String toString() {
            return "PassEntry[pass=redacted]";
        }
    }
}
