package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.notifications.Notifications;
import dev.portcullis.policy.notifications.ReportedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;

/**
 * Records a batch of reported events exactly once: in one transaction, the receipts of their ids
 * (first, so that a request racing with another for the same id stops there), the audit append, and
 * the notifications they queue. An event whose id its sender reported before is left out.
 */
@ApplicationScoped
public class EventRecorder {

    private final EventReceipts receipts;
    private final AuditLog audit;
    private final Notifications notifications;

    @Inject
    public EventRecorder(EventReceipts receipts, AuditLog audit, Notifications notifications) {
        this.receipts = receipts;
        this.audit = audit;
        this.notifications = notifications;
    }

    /**
     * Returns the records appended, in order. {@code tellPeople}: the sender is the identity provider,
     * whose events tell its people of changes to their accounts.
     */
    @Transactional
    public List<AuditRecord> record(String source, List<ReceivedEvent> received, boolean tellPeople) {
        List<String> ids = received.stream().map(ReceivedEvent::id).filter(Objects::nonNull).distinct().toList();
        List<ReceivedEvent> fresh = EventIntake.fresh(received, receipts.known(source, ids));
        receipts.add(source, fresh.stream().map(ReceivedEvent::id).filter(Objects::nonNull).toList());
        List<AuditRecord> records = fresh.stream().map(ReceivedEvent::record).toList();
        if (!records.isEmpty()) {
            audit.appendAll(records);
        }
        if (tellPeople) {
            // another service's events could be made up to flood people with mail
            for (AuditRecord record : records) {
                ReportedEvents.of(record).ifPresent(message -> notifications.queue(record.subject(), message.realm(),
                        message.kind(), message.details(), record.ip()));
            }
        }
        return records;
    }
}
