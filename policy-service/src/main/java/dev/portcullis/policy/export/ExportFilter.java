package dev.portcullis.policy.export;

import java.time.Instant;

/** Which events to export; null fields do not filter. */
public record ExportFilter(Instant from, Instant to, String subject, String type, String outcome) {
}
