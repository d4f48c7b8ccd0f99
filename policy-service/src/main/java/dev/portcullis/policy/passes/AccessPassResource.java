package dev.portcullis.policy.passes;

import dev.portcullis.policy.approvals.ApprovalView;
import dev.portcullis.policy.approvals.FourEyes;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * Admin API: issue a person an access pass (shown once; for a protected person, once a second admin
 * approves), list their passes, revoke one.
 */
@Path("/api/v1/admin/subjects/{subject}/access-passes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessPassResource {

    @Inject
    AccessPasses passes;

    @Inject
    CurrentCaller caller;

    @Inject
    People people;

    @Inject
    FourEyes fourEyes;

    /** 201 with the pass (shown once), or 202 with the request a second admin must approve. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response issue(@PathParam("subject") String raw, @Valid PassRequest body) {
        String subject = people.anyKey("subject", raw);
        PassRequest request = body == null ? new PassRequest(null, null) : body;
        Optional<ApprovalView> pending = fourEyes.request(PassIssueAction.ID, subject,
                PassIssueAction.parameters(request), caller.get());
        if (pending.isPresent()) {
            return Response.accepted(pending.get()).build();
        }
        return Response.status(Response.Status.CREATED).entity(passes.issue(subject, request, caller.get())).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public List<AccessPassView> list(@PathParam("subject") String subject) {
        return passes.list(people.anyKey("subject", subject));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response revoke(@PathParam("subject") String subject, @PathParam("id") String id) {
        passes.revoke(people.anyKey("subject", subject), id, caller.get());
        return Response.noContent().build();
    }
}
