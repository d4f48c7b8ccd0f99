package dev.portcullis.policy.bootstrap;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.BootstrapTokenUses;
import dev.portcullis.policy.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The bootstrap admin token's record: every use (audited {@code admin.bootstrap-token.used}, with the
 * method and path; refusals as failures), and the switch-off by an OIDC admin, which every replica
 * reads at the token's next use (no cache: one indexed read and write on the token's rare path). A use
 * is recorded and checked in one statement, so a switch-off is never lost to a use racing it.
 */
@ApplicationScoped
public class BootstrapTokenLedger implements BootstrapTokenUses {

    /** Paths are cut to this in the audit log. */
    static final int MAX_PATH = 255;

    private final Database database;
    private final AuditLog audit;
    private final boolean configured;
    private final Optional<Instant> expiresAt;

    @Inject
    public BootstrapTokenLedger(Database database, AuditLog audit, PortcullisConfig config) {
        this.database = database;
        this.audit = audit;
        this.configured = config.adminToken().filter(t -> !t.isBlank()).isPresent();
        this.expiresAt = config.adminTokenExpiresAt();
    }

    @Override
    @Transactional
    public Optional<String> admit(Caller caller, String method, String path) {
        Instant now = now();
        int recorded = database.session().createMutationQuery("update BootstrapTokenRow r set r.lastUsedAt = :now"
                + " where r.id = :id and r.disabledAt is null")
                .setParameter("now", now).setParameter("id", BootstrapTokenRow.ROW).executeUpdate();
        if (recorded == 1) {
            audit.append(AuditRecord.of(caller, AuditType.ADMIN_BOOTSTRAP_TOKEN_USED, null, Outcome.SUCCESS,
                    request(method, path, null)));
            return Optional.empty();
        }
        audit.append(AuditRecord.of(caller, AuditType.ADMIN_BOOTSTRAP_TOKEN_USED, null, Outcome.FAILURE,
                request(method, path, "disabled")));
        BootstrapTokenRow row = database.session().find(BootstrapTokenRow.class, BootstrapTokenRow.ROW);
        return Optional.of(row == null ? "The bootstrap admin token is refused: its record (table bootstrap_token)"
                + " is missing." : switchedOff(row));
    }

    @Override
    @Transactional
    public void refused(Caller caller, String method, String path, String reason) {
        audit.append(AuditRecord.of(caller, AuditType.ADMIN_BOOTSTRAP_TOKEN_USED, null, Outcome.FAILURE,
                request(method, path, reason)));
    }

    /**
     * Switches the bootstrap token off for every replica, recorded with who did it. Only a person
     * signed in through Keycloak may (403 for the token itself: that proves nobody can get in without
     * it); a second switch-off is a 409 that says when and by whom the first was. Refusals are audited.
     */
    @Transactional(dontRollbackOn = ApiProblem.class)
    public BootstrapTokenStatus disable(Caller caller) {
        if (!caller.isPerson()) {
            audit.append(AuditRecord.of(caller, AuditType.ADMIN_BOOTSTRAP_TOKEN_DISABLED, null, Outcome.FAILURE,
                    Map.of("reason", "not a person")));
            throw new ApiProblem(403, "The bootstrap admin token cannot switch itself off. An OIDC admin (a person"
                    + " with realm role policy-admin, signed in through Keycloak) does, with their own token: that"
                    + " shows someone can get in without it.");
        }
        Session session = database.session();
        Instant now = now();
        int switched = session.createMutationQuery("update BootstrapTokenRow r set r.disabledAt = :now,"
                + " r.disabledBy = :by where r.id = :id and r.disabledAt is null")
                .setParameter("now", now).setParameter("by", caller.actor()).setParameter("id", BootstrapTokenRow.ROW)
                .executeUpdate();
        if (switched == 0) {
            BootstrapTokenRow row = session.find(BootstrapTokenRow.class, BootstrapTokenRow.ROW);
            if (row != null) {
                throw ApiProblem.conflict(switchedOff(row));
            }
            row = new BootstrapTokenRow();
            row.id = BootstrapTokenRow.ROW;
            row.disabledAt = now;
            row.disabledBy = caller.actor();
            session.persist(row);
            session.flush();
        }
        audit.append(AuditRecord.of(caller, AuditType.ADMIN_BOOTSTRAP_TOKEN_DISABLED, null, Outcome.SUCCESS,
                Map.of("configuredHere", configured)));
        session.clear();
        return status();
    }

    /** Enabled, expired, switched off (when, by whom) or absent here; its expiry and its last use. */
    @Transactional
    public BootstrapTokenStatus status() {
        BootstrapTokenRow row = database.session().find(BootstrapTokenRow.class, BootstrapTokenRow.ROW);
        Instant disabledAt = row == null ? null : row.disabledAt;
        return new BootstrapTokenStatus(BootstrapTokenStatus.state(configured, expiresAt.orElse(null), disabledAt,
                Instant.now()), configured, expiresAt.orElse(null), disabledAt, row == null ? null : row.disabledBy,
                row == null ? null : row.lastUsedAt);
    }

    private static String switchedOff(BootstrapTokenRow row) {
        return "The bootstrap admin token was switched off at " + row.disabledAt + " by " + row.disabledBy + ".";
    }

    private static Map<String, Object> request(String method, String path, String refused) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method == null ? "" : method);
        details.put("path", path == null ? "" : path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path);
        if (refused != null) {
            details.put("refused", refused);
        }
        return details;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
