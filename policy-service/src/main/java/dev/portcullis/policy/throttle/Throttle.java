package dev.portcullis.policy.throttle;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.problem.RateLimited;
import dev.portcullis.policy.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Throttles the answers that help a guesser: password checks and code verifications, per service
 * and person, and all of them per service. Over a limit: a 429 with {@code Retry-After}, the
 * {@code portcullis_throttled_total} counter, and one {@code service.throttled} audit event per
 * episode (the first refusal after an admitted request), not one per refused request.
 * <p>
 * Token buckets live in this replica's memory; an idle bucket (full again) is forgotten once there
 * are many, so a flood of made-up names cannot grow the map without bound.
 */
@ApplicationScoped
public class Throttle {

    static final int MAX_BUCKETS = 100_000;
    static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final boolean enabled;
    private final Map<Throttled, Rate> perPerson;
    private final Rate perService;
    private final Consumer<AuditRecord> audit;
    private final MeterRegistry meters;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextSweep = new java.util.concurrent.atomic.AtomicLong();

    @Inject
    public Throttle(PortcullisConfig config, AuditLog audit, MeterRegistry meters) {
        this(config.throttle().enabled(), Map.of(
                Throttled.CREDENTIAL_CHECK, Rate.parse("portcullis.throttle.checks-per-person",
                        config.throttle().checksPerPerson()),
                Throttled.CODE_VERIFY, Rate.parse("portcullis.throttle.codes-per-person",
                        config.throttle().codesPerPerson())),
                Rate.parse("portcullis.throttle.per-service", config.throttle().perService()), audit::append, meters,
                System::nanoTime);
    }

    Throttle(boolean enabled, Map<Throttled, Rate> perPerson, Rate perService, Consumer<AuditRecord> audit,
            MeterRegistry meters, LongSupplier clock) {
        this.enabled = enabled;
        this.perPerson = Map.copyOf(perPerson);
        this.perService = perService;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        this.nextSweep.set(clock.getAsLong());
    }

    /** How many buckets this replica holds. */
    int buckets() {
        return buckets.size();
    }

    /**
     * Admits one request of {@code service} about {@code subject}, or throws a 429 that says when to
     * come back. Callers that are not services (admins) are not throttled.
     */
    public void admit(Throttled kind, String service, String subject, Caller caller) {
        if (!enabled || service == null) {
            return;
        }
        long now = clock.getAsLong();
        forgetIdleBuckets(now);
        TokenBucket overall = buckets.computeIfAbsent("service|" + service, k -> new TokenBucket(perService, now));
        long wait = overall.take(now);
        if (wait > 0) {
            refuse(kind, service, null, overall, wait, caller, "this service's " + perService.count() + " requests per "
                    + perService.period().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        }
        Rate rate = perPerson.get(kind);
        TokenBucket person = buckets.computeIfAbsent(kind.id() + "|" + service + "|" + subject,
                k -> new TokenBucket(rate, now));
        wait = person.take(now);
        if (wait > 0) {
            refuse(kind, service, subject, person, wait, caller, rate.count() + " " + kind.id() + "s per person every "
                    + rate.period().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void refuse(Throttled kind, String service, String subject, TokenBucket bucket, long waitNanos,
            Caller caller, String limit) {
        long seconds = (waitNanos + 999_999_999L) / 1_000_000_000L;
        Counter.builder("portcullis.throttled").description("Requests refused by a throttle")
                .tag("kind", kind.id()).tag("scope", subject == null ? "service" : "person").register(meters)
                .increment();
        if (bucket.startsEpisode()) {
            audit.accept(AuditRecord.of(caller, AuditType.SERVICE_THROTTLED, subject, Outcome.FAILURE,
                    Map.of("kind", kind.id(), "service", service, "limit", limit, "retryAfterSeconds", seconds)));
        }
        throw new RateLimited("Too many " + kind.id() + " requests (" + limit + "): try again in " + seconds
                + " s.", seconds);
    }

    /**
     * Over {@link #MAX_BUCKETS}, forgets the idle ones: one thread, at most once a second, so that a map
     * full of busy buckets does not make every request scan it.
     */
    private void forgetIdleBuckets(long now) {
        long due = nextSweep.get();
        if (buckets.size() > MAX_BUCKETS && now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
            buckets.entrySet().removeIf(entry -> entry.getValue().idle(now));
        }
    }
}
