package dev.portcullis.policy.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;

/**
 * A database as an installation left it before migration V13: the schema up to V12 (Flyway, run here),
 * a chain of {@value #EVENTS} version-1 events, hashed as the chainer hashed them then, and
 * {@value #PENDING} events still waiting in the outbox. The service then starts on it and migrates it.
 */
final class LegacyChain {

    static final int EVENTS = 5;
    static final int PENDING = 2;
    /** When the legacy events were recorded: a day no test records anything else on. */
    static final Instant RECORDED = Instant.parse("2025-06-01T10:00:00.250Z");

    private LegacyChain() {
    }

    static void write(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("12")
                .load().migrate();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            String prev = AuditChain.GENESIS;
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_event (id, occurred_at, recorded_at,"
                    + " actor, event_type, subject, outcome, ip, details, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= EVENTS; id++) {
                    Instant occurred = RECORDED.minusSeconds(60L - id);
                    AuditChain.Link link = new AuditChain.Link(id, occurred, RECORDED, "service:legacy", "LOGIN",
                            "legacy-" + id, "success", "192.0.2." + id, "{\"n\":" + id + "}");
                    String hash = AuditChain.hash(AuditChain.V1, prev, link);
                    insert.setLong(1, id);
                    insert.setObject(2, occurred.atOffset(ZoneOffset.UTC));
                    insert.setObject(3, RECORDED.atOffset(ZoneOffset.UTC));
                    insert.setString(4, link.actor());
                    insert.setString(5, link.type());
                    insert.setString(6, link.subject());
                    insert.setString(7, link.outcome());
                    insert.setString(8, link.ip());
                    insert.setString(9, link.details());
                    insert.setString(10, prev);
                    insert.setString(11, hash);
                    insert.executeUpdate();
                    prev = hash;
                }
            }
            try (PreparedStatement head = db.prepareStatement("UPDATE audit_head SET last_id = ?, last_hash = ?")) {
                head.setLong(1, EVENTS);
                head.setString(2, prev);
                head.executeUpdate();
            }
            try (PreparedStatement outbox = db.prepareStatement("INSERT INTO audit_outbox (occurred_at, actor,"
                    + " event_type, subject, outcome, ip, details) VALUES (?, 'service:legacy', 'LOGOUT', ?,"
                    + " 'success', NULL, '{}')")) {
                for (int n = 1; n <= PENDING; n++) {
                    outbox.setObject(1, RECORDED.atOffset(ZoneOffset.UTC));
                    outbox.setString(2, "pending-" + n);
                    outbox.executeUpdate();
                }
            }
            // the services of that release: Keycloak's key with enrol (its alone then), and a VPN's
            try (PreparedStatement service = db.prepareStatement("INSERT INTO service_client (name, scopes, key_hash,"
                    + " created_at, key_rotated_at) VALUES (?, ?, ?, ?, ?)")) {
                String[][] services = {{"keycloak", "mfa,enrol,credentials,events"}, {"vpn", "mfa,credentials"},
                    {"enrol-only", "enrol"}};
                for (String[] s : services) {
                    service.setString(1, s[0]);
                    service.setString(2, s[1]);
                    service.setString(3, "%-64s".formatted(s[0]).replace(' ', '0')); // a hash no key has
                    service.setObject(4, RECORDED.atOffset(ZoneOffset.UTC));
                    service.setObject(5, RECORDED.atOffset(ZoneOffset.UTC));
                    service.executeUpdate();
                }
            }
            // a person of that release, known by name alone
            try (PreparedStatement person = db.prepareStatement("INSERT INTO subject_state (subject, first_seen_at,"
                    + " failed_attempts, consecutive_lockouts) VALUES ('legacy-lena', ?, 0, 0)")) {
                person.setObject(1, RECORDED.atOffset(ZoneOffset.UTC));
                person.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the legacy chain", e);
        }
    }
}
