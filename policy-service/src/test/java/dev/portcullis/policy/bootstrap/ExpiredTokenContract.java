package dev.portcullis.policy.bootstrap;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.People;
import dev.portcullis.policy.support.Tables;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bootstrap token past {@code PORTCULLIS_ADMIN_TOKEN_EXPIRES_AT}: refused, audited, and the status says so. */
public abstract class ExpiredTokenContract {

    @Inject
    Database database;

    @Test
    void anExpiredTokenGets401SayingWhenAndHowToGetInAndIsAudited() {
        String marker = uniqueName("expired");
        admin().get("/api/v1/admin/policies/" + marker).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", allOf(containsString("expired at " + ExpiredTokenProfile.EXPIRED_AT),
                        containsString("OIDC admin"), containsString("policy-admin")));
        List<Object[]> events = Tables.rows(database, "SELECT event_type, actor, outcome, details FROM audit_event"
                + " WHERE details LIKE '%" + marker + "%'");
        assertThat(events).singleElement().satisfies(row -> {
            assertThat(row[0] + " " + row[1] + " " + row[2])
                    .isEqualTo("admin.bootstrap-token.used admin:bootstrap failure");
            assertThat(row[3].toString()).contains("\"refused\":\"expired\"");
        });
        People.as(People.admin()).get("/api/v1/admin/bootstrap-token").then().statusCode(200)
                .body("state", equalTo("expired")).body("expiresAt", equalTo(ExpiredTokenProfile.EXPIRED_AT));
        People.as(People.admin()).get("/api/v1/admin/services").then().statusCode(200);
    }
}
