package dev.portcullis.policy.export;

import java.time.Instant;

/**
 * One audit event as exported. The columns, in this order, are the stable export format:
 * id, time, recordedAt, actor, type, subject, outcome, ip, details (JSON), hash, prevHash.
 */
public record ExportRow(long id, Instant time, Instant recordedAt, String actor, String type, String subject,
        String outcome, String ip, String details, String hash, String prevHash) {

    public static final String[] COLUMNS = {"id", "time", "recordedAt", "actor", "type", "subject", "outcome", "ip",
        "details", "hash", "prevHash"};
}
