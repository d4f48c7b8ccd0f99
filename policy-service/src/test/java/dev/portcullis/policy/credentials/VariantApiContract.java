package dev.portcullis.policy.credentials;

import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.signedInOnce;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Tables;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The variant model through the API, on each database: the transformation table and the look-alike
 * table, the migration of version-1 fingerprints, and the single check-and-register call.
 */
public abstract class VariantApiContract {

    @Inject
    Database database;

    @Inject
    Fingerprints fingerprints;

    String vpn;
    String vpnKey;
    String wallet;
    String walletKey;

    @BeforeEach
    void setUp() {
        vpn = uniqueName("vpn");
        vpnKey = createService(vpn, "credentials");
        wallet = uniqueName("wallet");
        walletKey = createService(wallet, "credentials");
    }

    static Response check(String key, String subject, String service, String password, String register) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject);
        body.put("service", service);
        body.put("password", password);
        return as(key).body(body).post("/api/v1/credentials/check" + (register == null ? "" : "?register=" + register));
    }

    /** The VPN holds {@code stored}; the person now chooses {@code chosen} at the wallet admin. */
    List<String> findings(VariantTable.Pair pair) {
        String subject = signedInOnce(uniqueName("p"));
        CredentialApiContract.register(vpnKey, subject, vpn, pair.stored()).then().statusCode(204);
        return check(walletKey, subject, wallet, pair.chosen(), null).then().statusCode(200)
                .extract().jsonPath().getList("findings.type");
    }

    @Test
    void theVariantTableIsCaughtAndNoLookAlikeIsFlagged() {
        List<VariantTable.Pair> missed = new ArrayList<>();
        for (VariantTable.Pair pair : VariantTable.VARIANTS) {
            if (!findings(pair).contains("VARIANT_REUSED")) {
                missed.add(pair);
            }
        }
        double recall = 1.0 - (double) missed.size() / VariantTable.VARIANTS.size();
        assertThat(recall).as("missed: " + missed).isGreaterThanOrEqualTo(0.95);
        List<VariantTable.Pair> flagged = new ArrayList<>();
        for (VariantTable.Pair pair : VariantTable.LOOK_ALIKES) {
            List<String> types = findings(pair);
            if (types.contains("VARIANT_REUSED") || types.contains("REUSED")) {
                flagged.add(pair);
            }
        }
        assertThat(flagged).isEmpty();
    }

    /**
     * A row stored before the migration has version 1 and its version-1 root. It keeps matching that
     * root (at no fourth Argon2id evaluation), matches nothing falsely, and becomes version 2 when the
     * service reports the password again.
     */
    @Test
    void version1FingerprintsKeepMatchingTheirOldRootUntilTheNextReport() {
        String subject = uniqueName("mia");
        // as version 1 stored "Hello2024": its root "hello" (version 2 says "heiio")
        Fingerprints.Fingerprint old = fingerprints.of(subject, "Hello2024", true);
        assertThat(old.legacy()).as("version 1's root is not a version-2 root here").isNotNull();
        // a person as V17 left them: named by their key
        Tables.update(database, "INSERT INTO subject_state (subject, username, first_seen_at, failed_attempts,"
                + " consecutive_lockouts) VALUES (?1, ?1, ?2, 0, 0)", subject, Instant.now());
        Tables.update(database, "INSERT INTO credential_fingerprint (subject, service, exact_fp, root_fp, key_id,"
                + " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", subject, vpn, old.exact(), old.legacy(), old.keyId(),
                Instant.now());
        assertThat(version(subject)).isEqualTo(1);

        check(walletKey, subject, wallet, "Hello2024", null).then().body("findings.type", equalTo(List.of("REUSED")));
        long before = Fingerprints.evaluations();
        check(walletKey, subject, wallet, "hello2025!", null).then()
                .body("findings.type", equalTo(List.of("VARIANT_REUSED")));
        assertThat(Fingerprints.evaluations() - before).isLessThanOrEqualTo(3);
        check(walletKey, subject, wallet, "Yellow2025!", null).then().body("findings.type", equalTo(List.of()));

        CredentialApiContract.register(vpnKey, subject, vpn, "Hello2024").then().statusCode(204);
        assertThat(version(subject)).isEqualTo(PasswordRoot.VERSION);
        check(walletKey, subject, wallet, "hello2025!", null).then()
                .body("findings.type", equalTo(List.of("VARIANT_REUSED")));
        check(walletKey, subject, wallet, "hell0-2026", null).then()
                .body("findings.type", equalTo(List.of("VARIANT_REUSED")));
    }

    int version(String subject) {
        return ((Number) Tables.rows(database, "SELECT variant_version FROM credential_fingerprint WHERE subject = '"
                + subject + "'").get(0)[0]).intValue();
    }

    /**
     * Keycloak reports a password once; when the VPN later reports the same one, Keycloak's next login
     * decision says so, and the person changes it, without Keycloak sending the password again.
     */
    @Test
    void aPasswordReusedLaterElsewhereIsNamedInTheNextLoginDecision() {
        String keycloak = uniqueName("kc");
        String keycloakKey = createService(keycloak, "mfa", "credentials", "idp");
        String subject = signedInOnce(uniqueName("ola"));
        check(keycloakKey, subject, keycloak, "Saffron-Quay-Lantern", "always").then().body("registered", equalTo(true));
        dev.portcullis.policy.support.Mfa.decide(keycloakKey, subject, List.of(), List.of(), List.of()).then()
                .statusCode(200).body("changePassword", equalTo(null));
        CredentialApiContract.register(vpnKey, subject, vpn, "Saffron-Quay-Lantern").then().statusCode(204);
        long before = Fingerprints.evaluations();
        dev.portcullis.policy.support.Mfa.decide(keycloakKey, subject, List.of(), List.of(), List.of()).then()
                .statusCode(200).body("changePassword", equalTo(List.of(vpn)));
        assertThat(Fingerprints.evaluations()).as("no password, no hashing").isEqualTo(before);
        CredentialApiContract.register(vpnKey, subject, vpn, "Another-Vpn-Password-9").then().statusCode(204);
        dev.portcullis.policy.support.Mfa.decide(keycloakKey, subject, List.of(), List.of(), List.of()).then()
                .body("changePassword", equalTo(null));
    }

    @Test
    void oneCallChecksAndRegistersWithOneComputationOfTheFingerprints() {
        String subject = signedInOnce(uniqueName("noa"));
        long before = Fingerprints.evaluations();
        check(walletKey, subject, wallet, "Quiet-Meadow-Stream-7", "always").then().statusCode(200)
                .body("action", equalTo("ALLOW")).body("registered", equalTo(true));
        assertThat(Fingerprints.evaluations() - before).as("one password, one computation").isLessThanOrEqualTo(3);
        // the VPN is not the identity provider: it learns that the password is in use elsewhere, not where
        check(vpnKey, subject, vpn, "Quiet-Meadow-Stream-7", null).then()
                .body("findings[0].type", equalTo("REUSED")).body("findings[0].services", equalTo(null))
                .body("findings[0].reason", equalTo("This password is already used for another company account."));

        // about to be saved: a blocked password is not registered, an allowed one is
        CredentialApiContract.register(vpnKey, subject, vpn, "Copper-Kettle-Road").then().statusCode(204);
        check(walletKey, subject, wallet, "Copper-Kettle-Road", "true").then()
                .body("action", equalTo("BLOCK")).body("registered", equalTo(false));
        check(vpnKey, subject, vpn, "Quiet-Meadow-Stream-7", null).then()
                .body("findings[0].type", equalTo("REUSED"));
        check(walletKey, subject, wallet, "Amber-Fox-Lighthouse", "true").then()
                .body("action", equalTo("ALLOW")).body("registered", equalTo(true));
        check(vpnKey, subject, vpn, "Amber-Fox-Lighthouse", null).then()
                .body("findings[0].type", equalTo("REUSED"));

        // a check without registration says nothing of it; a bad value and another service's name are refused
        check(walletKey, subject, wallet, "Amber-Fox-Lighthouse", null).then().body("registered", equalTo(null));
        check(walletKey, subject, wallet, "Amber-Fox-Lighthouse", "maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("register"));
        check(walletKey, subject, vpn, "Amber-Fox-Lighthouse", "always").then().statusCode(403);
    }
}
