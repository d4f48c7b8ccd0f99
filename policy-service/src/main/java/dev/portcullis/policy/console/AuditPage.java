package dev.portcullis.policy.console;

import dev.portcullis.policy.export.AuditDownload;
import dev.portcullis.policy.export.AuditExport;
import dev.portcullis.policy.export.ExportFilter;
import dev.portcullis.policy.export.ExportRow;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code /console/audit}: the audit log, newest first, filtered by time range (UTC), subject, type
 * and outcome, fifty at a time; the export links carry the same filters.
 */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPage {

    static final int PAGE = 50;
    /** The export as the console serves it: the console's session is good for /console only. */
    static final String EXPORT = "/console/audit/export";

    /** The filters as typed, and the same filters as the export API's query string. */
    @TemplateData
    public record Filters(String from, String to, String subject, String type, String outcome) {

        /** Query string for the export API (instants) or for this page (as typed). */
        String query(boolean forExport) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("from", forExport ? instantText(from) : from);
            params.put("to", forExport ? instantText(to) : to);
            params.put("subject", subject);
            params.put("type", type);
            params.put("outcome", outcome);
            StringJoiner query = new StringJoiner("&");
            params.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    query.add(k + "=" + ConsoleExtensions.path(v));
                }
            });
            return query.toString();
        }

        public String export(String format) {
            String q = query(true);
            return EXPORT + "?format=" + format + (q.isEmpty() ? "" : "&" + q);
        }

        public String older(long before) {
            String q = query(false);
            return "/console/audit?before=" + before + (q.isEmpty() ? "" : "&" + q);
        }

        /** {@code person}: the key of the person the subject filter means ({@link People#inAudit}). */
        ExportFilter toFilter(String person) {
            return ExportFilter.of(instant("from", from), instant("to", to), person, type, outcome); // recording time
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance audit(Viewer viewer, Filters filters, List<ExportRow> events, Long older);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditExport export;

    @Inject
    People people;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance audit(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("outcome") String outcome, @QueryParam("before") String before) {
        Filters filters = new Filters(trim(from), trim(to), trim(subject), trim(type), trim(outcome));
        long bound = before == null || before.isBlank() ? Long.MAX_VALUE : parseId(before);
        List<ExportRow> rows = export.newest(filters.toFilter(people.inConsoleAudit(filters.subject())), bound, PAGE + 1);
        Long older = rows.size() > PAGE ? rows.get(PAGE - 1).id() : null;
        return Templates.audit(Viewer.of(identity, "audit"), filters, rows.subList(0, Math.min(PAGE, rows.size())),
                older);
    }

    /** The export API's download, for the signed-in person (CSV, JSON Lines or CEF). */
    @GET
    @Path("export")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public Response download(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("outcome") String outcome, @QueryParam("format") String format) {
        return AuditDownload.of(export, from, to, people.inConsoleAudit(subject), type, outcome, format, true);
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("before", "must be an event id");
        }
    }

    private static String trim(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.substring(0, Math.min(trimmed.length(), 255));
    }

    /** The browser's datetime-local value ("2026-11-25T09:30"), read as UTC. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                throw ApiProblem.invalidField(field, "must be a date and time such as 2026-11-25T09:30 (UTC)");
            }
        }
    }

    static String instantText(String value) {
        Instant instant = instant("time", value);
        return instant == null ? null : instant.toString();
    }
}
