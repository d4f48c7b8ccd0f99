package dev.portcullis.policy.audit;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Tables;
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

    /** Upgrading: the key that had enrol (Keycloak's alone) speaks for people still; no other key does. */
    @Test
    void theIdentityProvidersKeyGetsScopeIdpAndNoOtherKeyDoes() {
        assertThat(Tables.rows(database, "SELECT name, scopes FROM service_client ORDER BY name").stream()
                .map(row -> row[0] + "=" + row[1]).toList()).containsExactly("enrol-only=enrol,idp",
                        "keycloak=mfa,enrol,credentials,events,idp", "vpn=mfa,credentials");
    }

    /**
     * Upgrading: a person stored by name is named by it still, and the account Keycloak first names so
     * (older than the row) is theirs from then on.
     */
    @Test
    void aPersonStoredByNameKeepsTheNameAndIsAdoptedByTheirAccount() {
        assertThat(Tables.rows(database, "SELECT username, keycloak_id FROM subject_state WHERE subject = 'legacy-lena'")
                .stream().map(row -> row[0] + "/" + row[1]).toList()).containsExactly("legacy-lena/null");
        String keycloak = createService(uniqueName("keycloak"), "mfa", "idp");
        as(keycloak).header("X-Portcullis-Subject-Id", "lena-account-id")
                .header("X-Portcullis-Subject-Created", LegacyChain.RECORDED.minusSeconds(3600).toEpochMilli())
                .body(Map.of("subject", "legacy-lena")).post("/api/v1/decisions/login").then().statusCode(200);
        assertThat(Tables.rows(database, "SELECT keycloak_id FROM subject_state WHERE username = 'legacy-lena'")
                .stream().map(row -> row[0]).toList()).containsExactly("lena-account-id");
    }

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
                assertThat(event.chainVersion).as("event %d", id).isEqualTo((short) version);
            }
        });
        // no anchor was signed before it: walked from the genesis
        VerifyResult legacyDay = verifier.verify(Optional.of(LegacyChain.RECORDED),
                Optional.of(LegacyChain.RECORDED.plusSeconds(1)));
        assertThat(legacyDay.valid()).isTrue();
        assertThat(legacyDay.checked()).isGreaterThanOrEqualTo(LegacyChain.EVENTS);
    }

    /**
     * A replica still running the release before chain version 2 (a rolling upgrade) inserts events
     * without {@code chain_version}, which is NOT NULL without a default: its insert fails and nothing is
     * chained the old way; its outbox rows wait for an upgraded replica.
     */
    @Test
    void anOldReleaseCannotChainAfterTheUpgrade() {
        chainer.chainAll();
        long next = Tables.count(database, "SELECT last_id FROM audit_head") + 1;
        Instant now = Instant.now();
        assertThatThrownBy(() -> Tables.update(database, "INSERT INTO audit_event (id, occurred_at, recorded_at,"
                + " actor, event_type, subject, outcome, ip, details, prev_hash, hash)"
                + " VALUES (?, ?, ?, 'service:legacy', 'LOGIN', 'old-release', 'success', NULL, '{}', ?, ?)",
                next, now, now, AuditChain.GENESIS, AuditChain.GENESIS)).isInstanceOf(RuntimeException.class);
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id >= " + next)).isZero();
        admin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    /** The head says which version an event has; a stored chain_version that says otherwise is reported. */
    @Test
    void aStoredChainVersionThatDisagreesWithTheHeadIsCaught() {
        log.append(new AuditRecord(Instant.now(), "test", "test.after-upgrade", "upgraded", Outcome.SUCCESS, null,
                Map.of()));
        chainer.chainAll();
        long firstV2 = LegacyChain.EVENTS + 1;
        VerifyResult downgraded = Tampering.rolledBack(database, chainer,
                session -> session.find(AuditEvent.class, firstV2).chainVersion = AuditChain.V1,
                () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(downgraded.valid()).isFalse();
        assertThat(downgraded.firstBrokenId()).isEqualTo(firstV2);
        assertThat(downgraded.reason()).contains("chain version 1");
        VerifyResult upgraded = Tampering.rolledBack(database, chainer,
                session -> session.find(AuditEvent.class, 2L).chainVersion = AuditChain.V2,
                () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(upgraded.valid()).isFalse();
        assertThat(upgraded.firstBrokenId()).isEqualTo(2);
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
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
