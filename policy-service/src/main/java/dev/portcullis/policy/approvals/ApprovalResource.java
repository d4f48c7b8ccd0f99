package dev.portcullis.policy.approvals;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/** Admin API of four eyes: what waits for a second admin, and their approval or rejection. */
@Path("/api/v1/admin/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "expired");

    @Inject
    FourEyes fourEyes;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public List<ApprovalView> list(@QueryParam("status") String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiProblem.invalidField("status", "must be pending, approved, rejected or expired");
        }
        return fourEyes.list(status);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public ApprovalView get(@PathParam("id") String id) {
        return fourEyes.find(id);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.ADMIN)
    public FourEyes.Approved approve(@PathParam("id") String id) {
        return fourEyes.approve(id, caller.get());
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.ADMIN)
    public ApprovalView reject(@PathParam("id") String id) {
        return fourEyes.reject(id, caller.get());
    }
}
