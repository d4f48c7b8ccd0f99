package dev.portcullis.policy.syslog;

import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Tables;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forwarding to a TLS syslog collector that goes away and comes back: nothing lost, nothing twice. */
@QuarkusTest
@TestProfile(SyslogForwardingTest.Profile.class)
class SyslogForwardingTest {

    static final SyslogCollector COLLECTOR = Profile.collector();
    static final Pattern ID = Pattern.compile("\\[portcullis@32473 id=\"(\\d+)\"");

    public static class Profile implements QuarkusTestProfile {
        private static SyslogCollector collector;

        static synchronized SyslogCollector collector() {
            if (collector == null) {
                try {
                    collector = SyslogCollector.create();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return collector;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            SyslogCollector c = collector();
            return Map.of("portcullis.syslog.enabled", "true",
                    "portcullis.syslog.host", "127.0.0.1",
                    "portcullis.syslog.port", Integer.toString(c.port),
                    "portcullis.syslog.tls", "true",
                    "portcullis.syslog.trust-store", c.keyStore.toString(),
                    "portcullis.syslog.trust-store-password", SyslogCollector.PASSWORD,
                    "portcullis.syslog.retry-interval", "200ms");
        }
    }

    @Inject
    Database database;

    @BeforeAll
    static void collectorUp() throws Exception {
        COLLECTOR.start();
    }

    @AfterAll
    static void collectorDown() throws Exception {
        COLLECTOR.stop();
    }

    @Test
    void anOutageOfTheCollectorLosesNothingAndSendsNothingTwice() throws Exception {
        String key = createService(uniqueName("idp"), "events");
        String subject = uniqueName("tanaka");
        report(key, subject, 3);
        awaitMessages(subject, 3);

        long lastDelivered = Tables.count(database, "SELECT MAX(id) FROM audit_event WHERE subject = '" + subject + "'");
        COLLECTOR.stop();
        report(key, subject, 5);
        Thread.sleep(1000);
        // while the collector is away nothing new counts as sent: the cursor stays before the new events
        long firstUndelivered = Tables.count(database, "SELECT MIN(id) FROM audit_event WHERE subject = '" + subject
                + "' AND id > " + lastDelivered);
        assertThat(cursor()).as("the cursor must not pass events the collector never got")
                .isLessThan(firstUndelivered);
        COLLECTOR.start();
        awaitMessages(subject, 8);

        List<Long> stored = Tables.rows(database, "SELECT id FROM audit_event WHERE subject = '" + subject
                + "' ORDER BY id").stream().map(r -> ((Number) r[0]).longValue()).toList();
        List<Long> received = ids(COLLECTOR.messagesContaining("subject=\"" + subject + "\""));
        assertThat(received).containsExactlyElementsOf(stored);

        List<Long> all = ids(COLLECTOR.messages);
        Set<Long> distinct = new HashSet<>(all);
        assertThat(distinct).as("no event sent twice").hasSize(all.size());

        String message = COLLECTOR.messagesContaining("subject=\"" + subject + "\"").get(0);
        // changed on purpose: TIMESTAMP is the recording time; the time the event gives is the parameter "time"
        assertThat(message).matches("(?s)<110>1 \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\S+ portcullis - LOGIN"
                + " \\[portcullis@32473 id=\"\\d+\" time=\"2026-11-24T10:00:0\\dZ\" .*")
                .contains("actor=\"service:idp-").contains("\uFEFF{\"n\":");
    }

    long cursor() {
        return Tables.count(database, "SELECT last_id FROM syslog_cursor WHERE id = 1");
    }

    private static void report(String key, String subject, int count) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Map.of("time", "2026-11-24T10:00:0" + i + "Z", "type", "LOGIN", "subject", subject,
                    "outcome", "success", "details", Map.of("n", i)));
        }
        as(key).body(events).post("/api/v1/events").then().statusCode(200);
    }

    private static void awaitMessages(String subject, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (COLLECTOR.messagesContaining("subject=\"" + subject + "\"").size() < count
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(COLLECTOR.messagesContaining("subject=\"" + subject + "\"")).hasSize(count);
    }

    private static List<Long> ids(List<String> messages) {
        List<Long> ids = new ArrayList<>();
        for (String message : messages) {
            Matcher m = ID.matcher(message);
            if (m.find()) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids;
    }
}
