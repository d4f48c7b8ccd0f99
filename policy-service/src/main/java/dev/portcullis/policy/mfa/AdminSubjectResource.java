package dev.portcullis.policy.mfa;

import dev.portcullis.policy.approvals.ApprovalView;
import dev.portcullis.policy.approvals.FourEyes;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * Admin actions on a person's MFA: reset a lost authenticator (for a protected person, once a second
 * admin approves), lift a lock.
 */
@Path("/api/v1/admin/subjects/{subject}")
@Produces(MediaType.APPLICATION_JSON)
public class AdminSubjectResource {

    @Inject
    TotpService totp;

    @Inject
    CurrentCaller caller;

    @Inject
    People people;

    @GET
    @Path("mfa")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public MfaResults.Status status(@PathParam("subject") String subject) {
        return totp.status(people.anyKey("subject", subject));
    }

    @Inject
    FourEyes fourEyes;

    /** 204 once reset, or 202 with the request a second admin must approve (a protected person). */
    @DELETE
    @Path("totp")
    @RolesAllowed(Roles.ADMIN)
    public Response reset(@PathParam("subject") String raw) {
        String subject = people.anyKey("subject", raw);
        totp.status(subject); // 404 for nobody known, before anyone is asked to approve
        Optional<ApprovalView> pending = fourEyes.request(TotpResetAction.ID, subject, Map.of(), caller.get());
        if (pending.isPresent()) {
            return Response.accepted(pending.get()).build();
        }
        totp.reset(subject, caller.get());
        return Response.noContent().build();
    }

    @POST
    @Path("unlock")
    @RolesAllowed(Roles.ADMIN)
    public Response unlock(@PathParam("subject") String subject) {
        totp.unlock(people.anyKey("subject", subject), caller.get());
        return Response.noContent().build();
    }
}
