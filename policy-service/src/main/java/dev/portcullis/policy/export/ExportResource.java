package dev.portcullis.policy.export;

import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The audit log for SIEMs and responders: CSV, JSON Lines or CEF, streamed. Auditors and admins only.
 * {@code from} and {@code to} go by recording time, or with {@code by=event} by the time each event
 * gives. The console serves the same export under {@code /console/audit/export} for its signed-in
 * people (by recording time), since its session is good for {@code /console} only.
 */
@Path("/api/v1/audit/events")
public class ExportResource {

    @Inject
    AuditExport export;

    @Inject
    People people;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("outcome") String outcome, @QueryParam("format") String format,
            @QueryParam("by") String by) {
        return AuditDownload.of(export, from, to, people.inAudit(subject), type, outcome, format, ExportFilter.recordingTime(by));
    }
}
