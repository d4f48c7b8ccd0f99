package dev.portcullis.policy.export;

import dev.portcullis.policy.audit.AuditSeverity;

/**
 * ArcSight Common Event Format:
 * {@code CEF:0|Portcullis|policy-service|1|<type>|<name>|<severity>|<extensions>}. Header fields escape
 * {@code \} and {@code |}; extension values escape {@code \}, {@code =} and line breaks. {@code rt}
 * (CEF's receipt time) is when Portcullis recorded the event, {@code start} the time the event gives.
 */
final class Cef {

    static final String VERSION = "1";

    private Cef() {
    }

    static String line(ExportRow row) {
        StringBuilder line = new StringBuilder(256);
        line.append("CEF:0|Portcullis|policy-service|").append(VERSION).append('|')
                .append(header(row.type())).append('|')
                .append(header(name(row))).append('|')
                .append(severity(row.type(), row.outcome())).append('|');
        extension(line, "rt", Long.toString(row.recordedAt().toEpochMilli()));
        extension(line, "start", Long.toString(row.time().toEpochMilli()));
        extension(line, "externalId", Long.toString(row.id()));
        extension(line, "suser", row.actor());
        extension(line, "duser", row.subject());
        extension(line, "outcome", row.outcome());
        extension(line, "src", row.ip());
        extension(line, "cs1Label", "details");
        extension(line, "cs1", row.details());
        extension(line, "cs2Label", "hash");
        extension(line, "cs2", row.hash());
        line.setLength(line.length() - 1); // the space after the last extension
        return line.toString();
    }

    /** 0-10, from the one severity mapping ({@link AuditSeverity}). */
    static int severity(String type, String outcome) {
        return AuditSeverity.of(type, outcome).cef();
    }

    static String header(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("|", "\\|")
                .replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    static String value(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    private static String name(ExportRow row) {
        return row.type() + " " + row.outcome();
    }

    private static void extension(StringBuilder line, String key, String value) {
        if (value != null && !value.isEmpty()) {
            line.append(key).append('=').append(value(value)).append(' ');
        }
    }
}
