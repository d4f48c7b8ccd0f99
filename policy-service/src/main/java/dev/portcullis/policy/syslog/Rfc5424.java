package dev.portcullis.policy.syslog;

import dev.portcullis.policy.audit.AuditSeverity;
import dev.portcullis.policy.export.ExportRow;
import java.nio.charset.StandardCharsets;

/**
 * RFC 5424 messages, framed by octet counting (RFC 6587 3.4.1) for TCP:
 * {@code LEN SP <PRI>1 TIMESTAMP HOSTNAME portcullis - MSGID [portcullis@32473 id=.. time=.. actor=..] BOM details}.
 * Facility 13 (log audit); severity from the event's type and outcome. TIMESTAMP is when Portcullis
 * recorded the event; the time the event gives (a sender's choice) is the parameter {@code time}.
 */
public final class Rfc5424 {

    static final int FACILITY_LOG_AUDIT = 13;
    /** IANA's enterprise number reserved for documentation (RFC 5612), until the project registers its own. */
    static final String SD_ID = "portcullis@32473";
    private static final String BOM = "\uFEFF";

    private Rfc5424() {
    }

    public static byte[] frame(ExportRow event, String hostname) {
        byte[] message = message(event, hostname).getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(message, 0, framed, prefix.length, message.length);
        return framed;
    }

    static String message(ExportRow event, String hostname) {
        int pri = FACILITY_LOG_AUDIT * 8 + severity(event.type(), event.outcome());
        StringBuilder sd = new StringBuilder("[").append(SD_ID);
        param(sd, "id", Long.toString(event.id()));
        param(sd, "time", event.time().toString());
        param(sd, "actor", event.actor());
        param(sd, "subject", event.subject());
        param(sd, "outcome", event.outcome());
        param(sd, "ip", event.ip());
        param(sd, "hash", event.hash());
        sd.append(']');
        return "<" + pri + ">1 " + event.recordedAt() + " " + header(hostname, 255) + " portcullis - "
                + header(event.type(), 32) + " " + sd + " " + BOM + event.details();
    }

    /** RFC 5424 severity, from the one severity mapping ({@link AuditSeverity}). */
    static int severity(String type, String outcome) {
        return AuditSeverity.of(type, outcome).syslog();
    }

    /** Header fields: printable US-ASCII without spaces, bounded, "-" when empty. */
    static String header(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 33 && c <= 126 ? c : '_');
        }
        return out.toString();
    }

    private static void param(StringBuilder sd, String name, String value) {
        if (value == null) {
            return;
        }
        sd.append(' ').append(name).append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]")).append('"');
    }
}
