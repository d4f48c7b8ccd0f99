package dev.portcullis.policy.export;

import dev.portcullis.policy.problem.QueryParams;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The audit log for SIEMs and responders: CSV, JSON Lines or CEF, streamed. Auditors and admins only.
 * The console serves the same export under {@code /console/audit/export} for its signed-in people,
 * since its session is good for {@code /console} only.
 */
@Path("/api/v1/audit/events")
public class ExportResource {

    @Inject
    AuditExport export;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("outcome") String outcome, @QueryParam("format") String format) {
        return download(export, from, to, subject, type, outcome, format, false);
    }

    /** The filtered log as a download, in the chosen format; the time range by event or recording time. */
    public static Response download(AuditExport export, String from, String to, String subject, String type,
            String outcome, String format, boolean byRecordingTime) {
        ExportFormat chosen = ExportFormat.parse(format);
        ExportFilter parsed = ExportFilter.of(QueryParams.instant("from", from).orElse(null),
                QueryParams.instant("to", to).orElse(null), subject, type, outcome);
        ExportFilter filter = byRecordingTime ? parsed.byRecordingTime() : parsed;
        StreamingOutput body = out -> export.write(filter, chosen, out);
        String stamp = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .replace(":", "");
        return Response.ok(body, chosen.contentType())
                .header("Content-Disposition", "attachment; filename=\"portcullis-audit-" + stamp + "."
                        + chosen.extension() + "\"")
                .build();
    }
}
