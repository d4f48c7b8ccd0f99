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
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Throttles the answers that help a guesser: password checks and code verifications, per service
 * and person, and all of them per service; and password checks by services other than the identity
 * provider, per person across all of them. Over a limit: a 429 with {@code Retry-After}, the
 * {@code portcullis_throttled_total} counter, and one {@code service.throttled} audit event per
 * episode (the first refusal after an admitted request), not one per refused request.
 * <p>
 * The buckets are shared by every replica ({@link SharedBuckets}). A service's own bucket is taken a
 * slice at a time ({@link #SLICES} slices to a full bucket), so that its busiest callers do not queue
 * on one row: a replica spends its slice in memory, for at most a slice's share of the period. The
 * limit still holds: no replica spends a token it did not take.
 */
@ApplicationScoped
public class Throttle {

    /** A service's bucket is taken in this many slices. */
    static final int SLICES = 20;
    /** A person counts once a day towards a service's spray bucket, however their checks are spread. */
    static final Rate ONCE_A_DAY = new Rate(1, Duration.ofDays(1));

    private final boolean enabled;
    private final Map<Throttled, Rate> perPerson;
    private final Rate perService;
    private final Rate guessesPerPerson;
    private final Rate sprayPeople;
    private final Map<Limited, Rate> serviceLimits;
    private final BucketStore buckets;
    private final Consumer<AuditRecord> audit;
    private final MeterRegistry meters;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Slice> slices = new ConcurrentHashMap<>();

    @Inject
    public Throttle(PortcullisConfig config, SharedBuckets buckets, AuditLog audit, MeterRegistry meters) {
        this(config.throttle().enabled(), Map.of(
                Throttled.CREDENTIAL_CHECK, Rate.parse("portcullis.throttle.checks-per-person",
                        config.throttle().checksPerPerson()),
                Throttled.CODE_VERIFY, Rate.parse("portcullis.throttle.codes-per-person",
                        config.throttle().codesPerPerson())),
                Rate.parse("portcullis.throttle.per-service", config.throttle().perService()),
                Rate.parse("portcullis.throttle.guesses-per-person", config.throttle().guessesPerPerson()),
                Rate.parse("portcullis.throttle.spray-people", config.throttle().sprayPeople()),
                Map.of(Limited.DECISIONS, Rate.parse("portcullis.throttle.decisions-per-service",
                                config.throttle().decisionsPerService()),
                        Limited.EVENT_BATCHES, Rate.parse("portcullis.throttle.event-batches-per-service",
                                config.throttle().eventBatchesPerService()),
                        Limited.EVENT_BYTES, new Rate((int) Math.min(Integer.MAX_VALUE,
                                config.throttle().eventBytesPerServiceDaily().asLongValue()), Duration.ofDays(1))),
                buckets, audit::append, meters, Throttle::wallClockNanos);
    }

    Throttle(boolean enabled, Map<Throttled, Rate> perPerson, Rate perService, Rate guessesPerPerson,
            Rate sprayPeople, Map<Limited, Rate> serviceLimits, BucketStore buckets, Consumer<AuditRecord> audit,
            MeterRegistry meters, LongSupplier clock) {
        this.enabled = enabled;
        this.perPerson = Map.copyOf(perPerson);
        this.perService = perService;
        this.guessesPerPerson = guessesPerPerson;
        this.sprayPeople = sprayPeople;
        this.serviceLimits = Map.copyOf(serviceLimits);
        this.buckets = buckets;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
    }

    /** Nanoseconds since the epoch: the clock every replica shares. */
    static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
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
        admitSlice(kind.id(), "service|" + service, perService, service, now, caller,
                "this service's " + perService.count() + " requests per " + period(perService));
        Rate rate = perPerson.get(kind);
        Bucket.Take person = buckets.take(kind.id() + "|" + service + "|" + subject, rate, 1, 1, now);
        if (person.granted() == 0) {
            refuse(kind.id(), service, subject, person, caller, rate.count() + " " + kind.id() + "s per person every "
                    + period(rate));
        }
    }

    /**
     * Admits one password check or registration about {@code subject} by a service that is not the
     * identity provider: one budget per person for all such services together, whatever their number
     * and the replicas'. A service that starts on many people in a short time is suspected of a spray.
     */
    public void admitGuess(String service, String subject, Caller caller) {
        if (!enabled || service == null) {
            return;
        }
        long now = clock.getAsLong();
        Bucket.Take person = buckets.take("password-guess|" + subject, guessesPerPerson, 1, 1, now);
        if (person.granted() == 0) {
            refuse("password-guess", service, subject, person, caller, guessesPerPerson.count()
                    + " password checks per person every " + period(guessesPerPerson)
                    + " by all services but the identity provider");
        }
        Bucket.Take firstToday = buckets.take("checked|" + service + "|" + subject, ONCE_A_DAY, 1, 1, now);
        if (firstToday.granted() > 0) {
            watchForSpray(service, subject, now, caller);
        }
    }

    private void watchForSpray(String service, String subject, long now, Caller caller) {
        Counter.builder("portcullis.credentials.people.checked")
                .description("People whose password a service other than the identity provider checked, first time"
                        + " in a while")
                .tag("service", service).register(meters).increment();
        Bucket.Take spray = buckets.take("spray|" + service, sprayPeople, 1, 1, now);
        if (spray.granted() > 0) {
            return;
        }
        Counter.builder("portcullis.credentials.spray")
                .description("Password checks beyond a service's usual number of people: a suspected spray")
                .tag("service", service).register(meters).increment();
        if (spray.episodeStarts()) {
            audit.accept(AuditRecord.of(caller, AuditType.CREDENTIALS_SPRAY_SUSPECTED, subject, Outcome.FAILURE,
                    Map.of("service", service, "threshold", sprayPeople.count() + " people every "
                            + period(sprayPeople))));
        }
    }

    /**
     * Admits one request of a kind limited per service alone (login decisions, event batches), or throws a
     * 429. Every caller is a service here, the identity provider too: its limits are set above its peak.
     */
    public void admit(Limited kind, String service, Caller caller) {
        if (!enabled || service == null) {
            return;
        }
        Rate rate = serviceLimits.get(kind);
        admitSlice(kind.id(), kind.id() + "|" + service, rate, service, clock.getAsLong(), caller,
                "this service's " + rate.count() + " " + kind.id() + " per " + period(rate));
    }

    /**
     * Admits {@code bytes} of reported events against the service's daily quota, all or nothing: a batch
     * refused takes nothing, and is sent again when the quota has refilled that far.
     */
    public void admitEventBytes(String service, long bytes, Caller caller) {
        if (!enabled || service == null || bytes <= 0) {
            return;
        }
        Rate quota = serviceLimits.get(Limited.EVENT_BYTES);
        int want = (int) Math.min(bytes, quota.count());
        Bucket.Take taken = buckets.take(Limited.EVENT_BYTES.id() + "|" + service, quota, want, want,
                clock.getAsLong());
        if (taken.granted() == 0) {
            refuse(Limited.EVENT_BYTES.id(), service, null, taken, caller, "this service's " + quota.count()
                    + " bytes of events per " + period(quota));
        }
    }

    /**
     * Takes one token from this replica's slice of the bucket {@code key}, taking a new slice when it is
     * spent or older than a slice's share of the period (so no replica hoards tokens for a later burst).
     * One thread of a replica takes a new slice at a time.
     */
    private void admitSlice(String kind, String key, Rate rate, String service, long now, Caller caller,
            String limit) {
        Slice slice = slices.computeIfAbsent(key, k -> new Slice());
        synchronized (slice) {
            if (slice.left > 0 && now - slice.takenAt < rate.period().toNanos() / SLICES) {
                slice.left--;
                return;
            }
            Bucket.Take taken = buckets.take(key, rate, Math.max(1, rate.count() / SLICES), 1, now);
            if (taken.granted() == 0) {
                slice.left = 0;
                refuse(kind, service, null, taken, caller, limit);
            }
            slice.left = taken.granted() - 1;
            slice.takenAt = now;
        }
    }

    /** What a replica holds of a service's bucket: tokens taken from it and not yet spent. */
    private static final class Slice {
        int left;
        long takenAt;
    }

    private void refuse(String kind, String service, String subject, Bucket.Take take, Caller caller, String limit) {
        long seconds = (take.waitNanos() + 999_999_999L) / 1_000_000_000L;
        Counter.builder("portcullis.throttled").description("Requests refused by a throttle")
                .tag("kind", kind).tag("scope", subject == null ? "service" : "person").register(meters)
                .increment();
        if (take.episodeStarts()) {
            audit.accept(AuditRecord.of(caller, AuditType.SERVICE_THROTTLED, subject, Outcome.FAILURE,
                    Map.of("kind", kind, "service", service, "limit", limit, "retryAfterSeconds", seconds)));
        }
        throw new RateLimited("Too many " + kind + " requests (" + limit + "): try again in " + seconds + " s.",
                seconds);
    }

    private static String period(Rate rate) {
        Duration period = rate.period();
        return period.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
