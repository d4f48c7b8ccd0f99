package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.notifications.Notifications;
import dev.portcullis.policy.notifications.ReportedEvents;
import dev.portcullis.policy.subjects.SubjectRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Records a batch of reported events exactly once: in one transaction, the receipts of their ids
 * (first, so that a request racing with another for the same id stops there), the key changes they
 * report, the audit append, and the notifications they queue. An event whose id its sender reported
 * before is left out, and so is what it would change: if any part fails, none of it is kept, and the
 * batch sent again is recorded and acted on in full.
 */
@ApplicationScoped
public class EventRecorder {

    private final EventReceipts receipts;
    private final AuditLog audit;
    private final Notifications notifications;
    private final SubjectRegistry subjects;

    @Inject
    public EventRecorder(EventReceipts receipts, AuditLog audit, Notifications notifications,
            SubjectRegistry subjects) {
        this.receipts = receipts;
        this.audit = audit;
        this.notifications = notifications;
        this.subjects = subjects;
    }

    /**
     * Returns the records appended, in order. {@code tellPeople}: the sender is the identity provider,
     * whose events tell its people of changes to their accounts. {@code changeKeys}: the sender speaks
     * for people's security keys and passkeys ({@link KeyEvents}).
     */
    @Transactional
    public List<AuditRecord> record(String source, List<ReceivedEvent> received, boolean tellPeople,
            boolean changeKeys) {
        List<String> ids = received.stream().map(ReceivedEvent::id).filter(Objects::nonNull).distinct().toList();
        List<ReceivedEvent> fresh = EventIntake.fresh(received, receipts.known(source, ids));
        receipts.add(source, fresh.stream().map(ReceivedEvent::id).filter(Objects::nonNull).toList());
        List<AuditRecord> records = fresh.stream().map(ReceivedEvent::record).toList();
        // an event whose person could not be told for sure is for the audit log only
        List<AuditRecord> acting = fresh.stream().filter(ReceivedEvent::acts).map(ReceivedEvent::record).toList();
        if (changeKeys) {
            applyKeyChanges(acting);
        }
        if (!records.isEmpty()) {
            audit.appendAll(records);
        }
        if (tellPeople) {
            // another service's events could be made up to flood people with mail
            for (AuditRecord record : acting) {
                ReportedEvents.of(record).ifPresent(message -> notifications.queue(record.subject(), message.realm(),
                        message.kind(), message.details(), record.ip()));
            }
        }
        return records;
    }

    /**
     * Each person's changes in the order reported; the people one after another in the order of their
     * names, so that two batches lock the same people in the same order.
     */
    private void applyKeyChanges(List<AuditRecord> records) {
        Map<String, List<KeyEvents.KeyChange>> bySubject = KeyEvents.of(records).stream()
                .collect(Collectors.groupingBy(KeyEvents.KeyChange::subject, TreeMap::new, Collectors.toList()));
        Instant now = Instant.now();
        bySubject.values().forEach(changes -> changes.forEach(
                change -> subjects.keyChanged(change.subject(), change.passkey(), change.present(), now)));
    }
}
