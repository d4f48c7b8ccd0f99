package dev.portcullis.policy.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.problem.RateLimited;
import dev.portcullis.policy.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThrottleTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final List<AuditRecord> audited = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Caller vpn = new Caller("service:vpn", "192.0.2.1");
    final Throttle throttle = new Throttle(true,
            Map.of(Throttled.CREDENTIAL_CHECK, new Rate(20, Duration.ofHours(1)),
                    Throttled.CODE_VERIFY, new Rate(30, Duration.ofMinutes(15))),
            new Rate(200, Duration.ofSeconds(1)), audited::add, meters, now::get);

    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aServiceGuessingOnePersonsPasswordIsStoppedAfterTwentyAndToldWhenToComeBack() {
        for (int i = 0; i < 20; i++) {
            throttle.admit(Throttled.CREDENTIAL_CHECK, "vpn", "alice", vpn);
        }
        for (int refused = 0; refused < 5; refused++) {
            assertThatThrownBy(() -> throttle.admit(Throttled.CREDENTIAL_CHECK, "vpn", "alice", vpn))
                    .isInstanceOf(RateLimited.class).hasMessageContaining("20 credential-checks per person every 1h")
                    .satisfies(e -> assertThat(((RateLimited) e).retryAfterSeconds()).isEqualTo(180));
        }
        assertThat(audited).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("service.throttled");
            assertThat(r.subject()).isEqualTo("alice");
            assertThat(r.details()).containsEntry("service", "vpn").containsEntry("kind", "credential-check");
        });
        assertThat(meters.get("portcullis.throttled").tag("kind", "credential-check").counter().count()).isEqualTo(5);
        // others are untouched: another person, another service
        throttle.admit(Throttled.CREDENTIAL_CHECK, "vpn", "bob", vpn);
        throttle.admit(Throttled.CREDENTIAL_CHECK, "keycloak", "alice", vpn);
        // one token comes back every three minutes
        advance(Duration.ofMinutes(3));
        throttle.admit(Throttled.CREDENTIAL_CHECK, "vpn", "alice", vpn);
        assertThatThrownBy(() -> throttle.admit(Throttled.CREDENTIAL_CHECK, "vpn", "alice", vpn))
                .isInstanceOf(RateLimited.class);
        assertThat(audited).as("a new episode is audited again").hasSize(2);
    }

    /** A person changing their password in the browser: a handful of checks, never refused. */
    @Test
    void aPasswordChangeInTheBrowserNeverHitsTheLimit() {
        for (int login = 0; login < 3; login++) {
            for (int tries = 0; tries < 5; tries++) {
                throttle.admit(Throttled.CREDENTIAL_CHECK, "keycloak", "carol", vpn);
            }
            advance(Duration.ofMinutes(20));
        }
        assertThat(audited).isEmpty();
    }

    @Test
    void aServiceFloodingEveryoneIsStoppedByItsOwnLimit() {
        int admitted = 0;
        for (int i = 0; i < 1_000; i++) {
            try {
                throttle.admit(Throttled.CODE_VERIFY, "vpn", "p" + i, vpn);
                admitted++;
            } catch (RateLimited e) {
                assertThat(e.getMessage()).contains("this service's 200 requests per 1s");
            }
        }
        assertThat(admitted).isEqualTo(200);
        advance(Duration.ofMillis(500));
        throttle.admit(Throttled.CODE_VERIFY, "vpn", "late", vpn);
    }

    /** A flood of made-up names cannot grow the buckets without bound: idle ones are forgotten. */
    @Test
    void idleBucketsAreForgottenOnceThereAreMany() {
        Throttle roomy = new Throttle(true, Map.of(Throttled.CREDENTIAL_CHECK, new Rate(20, Duration.ofHours(1)),
                Throttled.CODE_VERIFY, new Rate(30, Duration.ofMinutes(15))),
                new Rate(Integer.MAX_VALUE, Duration.ofSeconds(1)), audited::add, meters, now::get);
        for (int i = 0; i <= Throttle.MAX_BUCKETS; i++) {
            roomy.admit(Throttled.CODE_VERIFY, "vpn", "made-up-" + i, vpn);
        }
        assertThat(roomy.buckets()).isGreaterThan(Throttle.MAX_BUCKETS);
        advance(Duration.ofMinutes(16));
        roomy.admit(Throttled.CODE_VERIFY, "vpn", "one-more", vpn);
        assertThat(roomy.buckets()).isLessThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "20/", "/1H", "0/1H", "20/soon", "-1/1S"})
    void aRateThatCannotBeReadStopsStartupAndSaysHowToWriteIt(String value) {
        assertThatThrownBy(() -> Rate.parse("portcullis.throttle.per-service", value))
                .hasMessageContaining("portcullis.throttle.per-service must be COUNT/PERIOD, e.g. 20/1H");
    }

    @Test
    void ratesAreReadAsOperatorsWriteThem() {
        assertThat(Rate.parse("k", "20/1H")).isEqualTo(new Rate(20, Duration.ofHours(1)));
        assertThat(Rate.parse("k", "200/1S")).isEqualTo(new Rate(200, Duration.ofSeconds(1)));
        assertThat(Rate.parse("k", "30/15M")).isEqualTo(new Rate(30, Duration.ofMinutes(15)));
    }
}
