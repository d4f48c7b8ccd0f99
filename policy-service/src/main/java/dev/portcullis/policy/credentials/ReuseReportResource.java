package dev.portcullis.policy.credentials;

import dev.portcullis.policy.problem.QueryParams;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/reports/reuse?after&limit}: subjects who reuse, and where. Admins and auditors. */
@Path("/api/v1/admin/reports/reuse")
@Produces(MediaType.APPLICATION_JSON)
public class ReuseReportResource {

    @Inject
    ReuseReport report;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public ReuseReport.Page reuse(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return report.page(after, QueryParams.integer("limit", limit, 100, 1, 1000));
    }
}
