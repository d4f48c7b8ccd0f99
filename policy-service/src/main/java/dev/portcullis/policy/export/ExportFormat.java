package dev.portcullis.policy.export;

import dev.portcullis.policy.problem.ApiProblem;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The export formats SIEMs read. Each writes a header (if it has one) and then one record per event. */
public enum ExportFormat {

    /** RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
    CSV("csv", "text/csv; charset=utf-8") {
        @Override
        public void header(Writer out) throws IOException {
            out.write(String.join(",", ExportRow.COLUMNS));
            out.write("\r\n");
        }

        @Override
        public void write(ExportRow row, Writer out) throws IOException {
            out.write(Long.toString(row.id()));
            out.write(',');
            out.write(row.time().toString());
            out.write(',');
            out.write(row.recordedAt().toString());
            for (String value : new String[] {row.actor(), row.type(), row.subject(), row.outcome(), row.ip(),
                row.details(), row.hash(), row.prevHash()}) {
                out.write(',');
                Csv.write(value, out);
            }
            out.write("\r\n");
        }
    },

    /** JSON Lines: one JSON object per line, details as a nested object. */
    JSONL("jsonl", "application/x-ndjson; charset=utf-8") {
        @Override
        public void write(ExportRow row, Writer out) throws IOException {
            out.write(JsonLines.line(row));
            out.write('\n');
        }
    },

    /** ArcSight Common Event Format, one event per line. */
    CEF("cef", "text/plain; charset=utf-8") {
        @Override
        public void write(ExportRow row, Writer out) throws IOException {
            out.write(Cef.line(row));
            out.write('\n');
        }
    };

    private final String id;
    private final String contentType;

    ExportFormat(String id, String contentType) {
        this.id = id;
        this.contentType = contentType;
    }

    public String extension() {
        return id;
    }

    public String contentType() {
        return contentType;
    }

    public void header(Writer out) throws IOException {
    }

    public abstract void write(ExportRow row, Writer out) throws IOException;

    public static ExportFormat parse(String value) {
        String wanted = value == null || value.isBlank() ? "csv" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("format", "must be one of " + Arrays.stream(values())
                        .map(f -> f.id).collect(Collectors.joining(", "))));
    }
}
