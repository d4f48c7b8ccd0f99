package dev.portcullis.policy.mfa;

import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.SubjectRegistry;
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

/** Admin actions on a person's MFA: reset a lost authenticator, lift a lock. */
@Path("/api/v1/admin/subjects/{subject}")
@Produces(MediaType.APPLICATION_JSON)
public class AdminSubjectResource {

    @Inject
    TotpService totp;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("mfa")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public MfaResults.Status status(@PathParam("subject") String subject) {
        return totp.status(SubjectRegistry.parse("subject", subject));
    }

    @DELETE
    @Path("totp")
    @RolesAllowed(Roles.ADMIN)
    public Response reset(@PathParam("subject") String subject) {
        totp.reset(SubjectRegistry.parse("subject", subject), caller.get());
        return Response.noContent().build();
    }

    @POST
    @Path("unlock")
    @RolesAllowed(Roles.ADMIN)
    public Response unlock(@PathParam("subject") String subject) {
        totp.unlock(SubjectRegistry.parse("subject", subject), caller.get());
        return Response.noContent().build();
    }
}
