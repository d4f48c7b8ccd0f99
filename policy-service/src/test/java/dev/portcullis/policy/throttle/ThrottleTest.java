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
    static final Map<Limited, Rate> LIMITS = Map.of(Limited.DECISIONS, new Rate(1000, Duration.ofSeconds(1)),
            Limited.EVENT_BATCHES, new Rate(50, Duration.ofSeconds(1)),
            Limited.EVENT_BYTES, new Rate(1_000_000, Duration.ofDays(1)));
    final MemoryBuckets buckets = new MemoryBuckets();
    final Throttle throttle = new Throttle(true,
            Map.of(Throttled.CREDENTIAL_CHECK, new Rate(20, Duration.ofHours(1)),
                    Throttled.CODE_VERIFY, new Rate(30, Duration.ofMinutes(15))),
            new Rate(200, Duration.ofSeconds(1)), new Rate(10, Duration.ofDays(1)), new Rate(50, Duration.ofHours(1)),
            LIMITS, buckets, audited::add, meters, now::get);

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

    /** Every service but the identity provider shares one budget per person: ten guesses a day in all. */
    @Test
    void servicesOtherThanTheIdentityProviderShareOneBudgetPerPerson() {
        for (int i = 0; i < 5; i++) {
            throttle.admitGuess("vpn", "alice", vpn);
            throttle.admitGuess("git", "alice", vpn);
        }
        for (String service : List.of("vpn", "git", "wallet")) {
            assertThatThrownBy(() -> throttle.admitGuess(service, "alice", vpn)).isInstanceOf(RateLimited.class)
                    .hasMessageContaining("10 password checks per person every 24h by all services but the identity"
                            + " provider")
                    .satisfies(e -> assertThat(((RateLimited) e).retryAfterSeconds()).isEqualTo(8_640));
        }
        throttle.admitGuess("vpn", "bob", vpn);
        advance(Duration.ofMinutes(144));
        throttle.admitGuess("wallet", "alice", vpn);
        assertThat(audited).singleElement().satisfies(r -> assertThat(r.details()).containsEntry("kind", "password-guess"));
    }

    /** Fifty new people an hour is a busy VPN; the fifty-first is a suspected spray, audited once, counted each time. */
    @Test
    void aServiceCheckingManyPeopleIsSuspectedOfASpray() {
        for (int i = 0; i < 50; i++) {
            throttle.admitGuess("vpn", "p" + i, vpn);
            throttle.admitGuess("vpn", "p" + i, vpn); // the same person again is not a new one
        }
        assertThat(audited).isEmpty();
        for (int i = 50; i < 60; i++) {
            throttle.admitGuess("vpn", "p" + i, vpn); // admitted: the budget per person still holds them
        }
        assertThat(audited).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("credentials.spray-suspected");
            assertThat(r.details()).containsEntry("service", "vpn").containsEntry("threshold", "50 people every 1h");
        });
        assertThat(meters.get("portcullis.credentials.spray").tag("service", "vpn").counter().count()).isEqualTo(10);
        assertThat(meters.get("portcullis.credentials.people.checked").tag("service", "vpn").counter().count())
                .isEqualTo(60);
        throttle.admitGuess("git", "q0", vpn); // another service is watched on its own
        assertThat(audited).hasSize(1);
    }

    /** Two replicas share the buckets: together they admit a service's 200 a second, not 400. */
    @Test
    void twoReplicasSharingTheBucketsAdmitTheLimitOnce() {
        Throttle other = new Throttle(true, Map.of(Throttled.CREDENTIAL_CHECK, new Rate(20, Duration.ofHours(1)),
                Throttled.CODE_VERIFY, new Rate(30, Duration.ofMinutes(15))), new Rate(200, Duration.ofSeconds(1)),
                new Rate(10, Duration.ofDays(1)), new Rate(50, Duration.ofHours(1)), LIMITS, buckets, audited::add,
                meters, now::get);
        int admitted = 0;
        for (int i = 0; i < 1_000; i++) {
            try {
                (i % 2 == 0 ? throttle : other).admit(Throttled.CODE_VERIFY, "vpn", "p" + i, vpn);
                admitted++;
            } catch (RateLimited e) {
                assertThat(e.getMessage()).contains("this service's 200 requests per 1s");
            }
        }
        assertThat(admitted).isBetween(200 - 2 * 200 / Throttle.SLICES, 200);
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? throttle : other).admit(Throttled.CODE_VERIFY, "git", "dora", vpn);
            advance(Duration.ofMillis(10));
        }
        assertThatThrownBy(() -> other.admit(Throttled.CODE_VERIFY, "git", "dora", vpn))
                .isInstanceOf(RateLimited.class).hasMessageContaining("30 code-verifys per person every 15m");
    }

    /** A service that floods decisions gets 429 past its thousand a second; another service is untouched. */
    @Test
    void decisionsAreLimitedPerService() {
        int admitted = 0;
        for (int i = 0; i < 1_500; i++) {
            try {
                throttle.admit(Limited.DECISIONS, "vpn", vpn);
                admitted++;
            } catch (RateLimited e) {
                assertThat(e.getMessage()).contains("this service's 1000 decisions per 1s");
            }
        }
        assertThat(admitted).isEqualTo(1000);
        throttle.admit(Limited.DECISIONS, "keycloak", vpn);
        advance(Duration.ofMillis(100));
        throttle.admit(Limited.DECISIONS, "vpn", vpn);
    }

    /** A day's quota of event bytes: a batch that does not fit takes nothing, and a smaller one still fits. */
    @Test
    void eventBytesHaveADailyQuotaTakenWholeOrNotAtAll() {
        throttle.admitEventBytes("vpn", 600_000, vpn);
        assertThatThrownBy(() -> throttle.admitEventBytes("vpn", 500_000, vpn)).isInstanceOf(RateLimited.class)
                .hasMessageContaining("this service's 1000000 bytes of events per 24h")
                .satisfies(e -> assertThat(((RateLimited) e).retryAfterSeconds()).isEqualTo(8_640));
        throttle.admitEventBytes("vpn", 400_000, vpn);
        assertThatThrownBy(() -> throttle.admitEventBytes("vpn", 1, vpn)).isInstanceOf(RateLimited.class);
        throttle.admitEventBytes("keycloak", 900_000, vpn);
        assertThat(audited).as("one event per episode").hasSize(2);
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
