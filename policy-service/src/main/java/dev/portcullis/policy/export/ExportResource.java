package dev.portcullis.policy.export;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.problem.QueryParams;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.SubjectRegistry;
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

/** The audit log for SIEMs and responders: CSV, JSON Lines or CEF, streamed. Auditors and admins only. */
@Path("/api/v1/audit/events")
public class ExportResource {

    @Inject
    AuditExport export;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("outcome") String outcome, @QueryParam("format") String format) {
        ExportFormat chosen = ExportFormat.parse(format);
        ExportFilter filter = new ExportFilter(
                QueryParams.instant("from", from).orElse(null),
                QueryParams.instant("to", to).orElse(null),
                subject == null || subject.isBlank() ? null : SubjectRegistry.parse("subject", subject),
                type == null || type.isBlank() ? null : type.trim(),
                outcome(outcome));
        StreamingOutput body = out -> export.write(filter, chosen, out);
        String stamp = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .replace(":", "");
        return Response.ok(body, chosen.contentType())
                .header("Content-Disposition", "attachment; filename=\"portcullis-audit-" + stamp + "."
                        + chosen.extension() + "\"")
                .build();
    }

    private static String outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!"success".equals(value) && !"failure".equals(value)) {
            throw ApiProblem.invalidField("outcome", "must be 'success' or 'failure'");
        }
        return value;
    }
}
