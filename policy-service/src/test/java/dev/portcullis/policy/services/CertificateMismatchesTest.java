package dev.portcullis.policy.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.security.CertificatePin;
import dev.portcullis.policy.security.ServiceKeys.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the audit log hears of keys refused for their certificate: enough to act on, not a flood. */
class CertificateMismatchesTest {

    static final CertificatePin PINNED = CertificatePin.parse("ab".repeat(32));
    static final CertificatePin OTHER = CertificatePin.parse("cd".repeat(32));
    static final ServiceKey VPN = new ServiceKey("vpn", List.of("mfa"), List.of(PINNED));

    final List<AuditRecord> recorded = new ArrayList<>();
    final AtomicLong now = new AtomicLong(1_000);
    final CertificateMismatches mismatches = new CertificateMismatches(recorded::add, now::get);

    @Test
    void oneEventPerServiceAndPresentedCertificateAMinute() {
        mismatches.record(VPN, OTHER, "192.0.2.7");
        mismatches.record(VPN, OTHER, "192.0.2.7");
        mismatches.record(VPN, null, "192.0.2.8");
        assertThat(recorded).hasSize(2);
        AuditRecord first = recorded.get(0);
        assertThat(first.type()).isEqualTo("service.certificate-mismatch");
        assertThat(first.actor()).isEqualTo("service:vpn");
        assertThat(first.ip()).isEqualTo("192.0.2.7");
        assertThat(first.outcome().id()).isEqualTo("failure");
        assertThat(first.details()).isEqualTo(Map.of("service", "vpn", "presentedPin", OTHER.toString(),
                "certificatePins", List.of(PINNED.toString())));
        assertThat(recorded.get(1).details()).containsEntry("presentedPin", "none");

        now.addAndGet(CertificateMismatches.QUIET_NANOS - 1);
        mismatches.record(VPN, OTHER, "192.0.2.7");
        assertThat(recorded).hasSize(2);
        now.addAndGet(1);
        mismatches.record(VPN, OTHER, "192.0.2.7");
        assertThat(recorded).hasSize(3);
    }

    @Test
    void anEventThatCouldNotBeWrittenIsTriedAgainAtTheNextRefusal() {
        boolean[] failing = {true};
        CertificateMismatches flaky = new CertificateMismatches(record -> {
            if (failing[0]) {
                throw new IllegalStateException("database down");
            }
            recorded.add(record);
        }, now::get);
        assertThatThrownBy(() -> flaky.record(VPN, OTHER, null)).hasMessage("database down");
        failing[0] = false;
        flaky.record(VPN, OTHER, null);
        assertThat(recorded).hasSize(1);
    }
}
