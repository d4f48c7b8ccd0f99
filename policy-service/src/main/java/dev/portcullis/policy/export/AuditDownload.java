package dev.portcullis.policy.export;

import dev.portcullis.policy.problem.QueryParams;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The filtered audit log as a streamed download, for the export API and the console alike. */
public final class AuditDownload {

    private AuditDownload() {
    }

    /** In the chosen format; the time range by recording time, or ({@code byRecordingTime} false) by the events' own. */
    public static Response of(AuditExport export, String from, String to, String subject, String type,
            String outcome, String format, boolean byRecordingTime) {
        ExportFormat chosen = ExportFormat.parse(format);
        ExportFilter parsed = ExportFilter.of(QueryParams.instant("from", from).orElse(null),
                QueryParams.instant("to", to).orElse(null), subject, type, outcome);
        ExportFilter filter = byRecordingTime ? parsed : parsed.byEventTime();
        StreamingOutput body = out -> export.write(filter, chosen, out);
        String stamp = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .replace(":", "");
        return Response.ok(body, chosen.contentType())
                .header("Content-Disposition", "attachment; filename=\"portcullis-audit-" + stamp + "."
                        + chosen.extension() + "\"")
                .build();
    }
}
