package dev.portcullis.policy.services;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.security.CertificatePin;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.ServiceKeys.ServiceKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Records a pinned service's key refused for the certificate it came with: a
 * {@code service.certificate-mismatch} event with the service and the pin presented ({@code none}
 * without a certificate). Every refusal is counted ({@code portcullis_auth_failures_total}); the audit
 * log gets one event per service and presented certificate per {@link #QUIET_NANOS minute} on this
 * replica, so that a client left with a renewed certificate and an old pin cannot flood the chain.
 */
@ApplicationScoped
public class CertificateMismatches {

    static final long QUIET_NANOS = 60_000_000_000L;
    static final int MAX_REMEMBERED = 10_000;

    private final Consumer<AuditRecord> audit;
    private final LongSupplier clock;
    private final Map<String, Long> lastRecorded = new ConcurrentHashMap<>();

    @Inject
    public CertificateMismatches(AuditLog audit) {
        this(audit::append, System::nanoTime);
    }

    CertificateMismatches(Consumer<AuditRecord> audit, LongSupplier clock) {
        this.audit = audit;
        this.clock = clock;
    }

    void record(ServiceKey service, CertificatePin presented, String ip) {
        String shown = presented == null ? "none" : presented.toString();
        long now = clock.getAsLong();
        boolean[] due = {false};
        if (lastRecorded.size() >= MAX_REMEMBERED) {
            lastRecorded.clear();
        }
        String key = service.name() + "|" + shown;
        lastRecorded.compute(key, (k, last) -> {
            due[0] = last == null || now - last >= QUIET_NANOS;
            return due[0] ? now : last;
        });
        if (!due[0]) {
            return;
        }
        try {
            audit.accept(AuditRecord.of(new Caller(CurrentCaller.SERVICE_PREFIX + service.name(), ip),
                    AuditType.SERVICE_CERTIFICATE_MISMATCH, null, Outcome.FAILURE,
                    Map.of("service", service.name(), "presentedPin", shown,
                            "certificatePins", CertificatePins.text(service.pins()))));
        } catch (RuntimeException e) {
            lastRecorded.remove(key, now);
            throw e;
        }
    }
}
