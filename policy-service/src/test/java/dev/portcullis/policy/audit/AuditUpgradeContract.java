package dev.portcullis.policy.audit;

import static dev.portcullis.policy.support.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.persistence.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An installation upgraded to chain version 2 (migration V13 run by the service's start on a database
 * that holds a version-1 chain, {@link LegacyChain}): the old chain still verifies as it was written,
 * everything chained since is version 2, and the head alone says which is which.
 */
public abstract class AuditUpgradeContract {

    @Inject
    Database database;

    @Inject
    AuditLog log;

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditChainer chainer;

    @Test
    void theVersionOneChainStillVerifiesAndWhatFollowsIsVersionTwo() {
        log.append(new AuditRecord(Instant.now(), "test", "test.after-upgrade", "upgraded", Outcome.SUCCESS, null,
                Map.of()));
        chainer.chainAll();
        admin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        QuarkusTransaction.requiringNew().run(() -> {
            AuditHead head = database.session().find(AuditHead.class, AuditHead.ROW);
            assertThat(head.v2From).isEqualTo(LegacyChain.EVENTS + 1);
            assertThat(head.lastId).isGreaterThan(LegacyChain.EVENTS + LegacyChain.PENDING);
            for (long id = 1; id <= head.lastId; id++) {
                AuditEvent event = database.session().find(AuditEvent.class, id);
                int version = id <= LegacyChain.EVENTS ? AuditChain.V1 : AuditChain.V2;
                // events waiting in the outbox at the migration were chained after it: version 2 as well
                assertThat(event.hash).as("event %d", id)
                        .isEqualTo(AuditChain.hash(version, event.prevHash, event.link()))
                        .isNotEqualTo(AuditChain.hash(3 - version, event.prevHash, event.link()));
            }
        });
        VerifyResult legacyDay = verifier.verify(Optional.of(LegacyChain.RECORDED),
                Optional.of(LegacyChain.RECORDED.plusSeconds(1)));
        assertThat(legacyDay.valid()).isTrue();
        assertThat(legacyDay.checked()).isEqualTo(LegacyChain.EVENTS);
    }

    @Test
    void anEditedVersionOneEventIsStillCaught() {
        VerifyResult result = Tampering.rolledBack(database, chainer,
                session -> session.find(AuditEvent.class, 2L).subject = "mallory",
                () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenId()).isEqualTo(2);
        assertThat(result.reason()).contains("modified");
    }

    /** The version is the head's to say: moving v2_from either way breaks the chain at the first event it moves. */
    @Test
    void movingTheVersionBoundaryBreaksTheChain() {
        long firstV2 = LegacyChain.EVENTS + 1;
        VerifyResult later = Tampering.rolledBack(database, chainer,
                session -> session.createNativeMutationQuery("UPDATE audit_head SET v2_from = v2_from + 1")
                        .executeUpdate(),
                () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(later.valid()).isFalse();
        assertThat(later.firstBrokenId()).isEqualTo(firstV2);
        VerifyResult earlier = Tampering.rolledBack(database, chainer,
                session -> session.createNativeMutationQuery("UPDATE audit_head SET v2_from = 1").executeUpdate(),
                () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(earlier.valid()).isFalse();
        assertThat(earlier.firstBrokenId()).isEqualTo(1);
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }
}
