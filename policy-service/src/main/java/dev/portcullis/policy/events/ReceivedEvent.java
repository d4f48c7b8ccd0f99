package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditRecord;

/** A valid reported event: the sender's id for it ({@code null}: none), and the audit record it becomes. */
public record ReceivedEvent(String id, AuditRecord record) {
}
