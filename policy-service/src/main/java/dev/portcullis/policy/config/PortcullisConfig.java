package dev.portcullis.policy.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Typed configuration of the policy service, prefix {@code portcullis}. Each key can also be given
 * as an environment variable: {@code portcullis.master-key} is {@code PORTCULLIS_MASTER_KEY}.
 */
@ConfigMapping(prefix = "portcullis")
public interface PortcullisConfig {

    /** Data directory of the embedded default: H2 database and generated master key. */
    @WithDefault("./.portcullis")
    String home();

    /** Base64 of 32 random bytes. Generated into {@link #home()} on the embedded default when absent. */
    Optional<String> masterKey();

    /** When true, a missing master key stops startup (profile {@code production}, or PostgreSQL). */
    @WithDefault("false")
    boolean requireMasterKey();

    /** Bootstrap admin token. Without it, the bootstrap path does not exist. */
    Optional<String> adminToken();

    /**
     * When the bootstrap admin token stops working ({@code PORTCULLIS_ADMIN_TOKEN_EXPIRES_AT}, an ISO-8601
     * instant such as {@code 2026-12-01T18:00:00Z}); after it, the token gets 401. Unset: no expiry
     * (allowed, for the local run command; a warning at start), until an OIDC admin switches it off.
     */
    Optional<Instant> adminTokenExpiresAt();

    Db db();

    Audit audit();

    Events events();

    Http http();

    Mfa mfa();

    Auth auth();

    Syslog syslog();

    Credentials credentials();

    Console console();

    Throttle throttle();

    Metrics metrics();

    People people();

    /** How people stored before they were known by Keycloak's id are matched to accounts. */
    interface People {
        /**
         * The Keycloak realm whose people were stored before ({@code PORTCULLIS_PEOPLE_LEGACY_REALM}): when
         * set, only that realm's accounts adopt those people or take their names, so another realm's
         * sign-up cannot strand them. Unset: one realm is served, and any account may.
         */
        Optional<String> legacyRealm();
    }

    /** Who may read {@code /q/metrics}. */
    interface Metrics {
        /**
         * A bearer token Prometheus sends ({@code PORTCULLIS_METRICS_TOKEN}, 16 characters or more). Set, and
         * {@code /q/metrics} answers 401 to anyone without it. Unset: open, as Quarkus serves it (keep the port
         * private then).
         */
        Optional<String> token();
    }

    /**
     * Rates for the endpoints whose answers help a guesser ({@code COUNT/PERIOD}: that many at once,
     * refilled evenly over the period). Token buckets in the database, shared by every replica: adding
     * replicas never adds to them.
     */
    interface Throttle {
        /** Off: nothing is throttled. */
        @WithDefault("true")
        boolean enabled();

        /** Password checks, per service and person. */
        @WithDefault("20/1H")
        String checksPerPerson();

        /** TOTP and recovery-code verifications and enrolment confirmations, per service and person. */
        @WithDefault("30/15M")
        String codesPerPerson();

        /** All of the above together, per service. */
        @WithDefault("200/1S")
        String perService();

        /**
         * Password checks and registrations about one person by every service but the identity provider,
         * all together: each one can test a guess of the person's password at another service.
         */
        @WithDefault("10/1D")
        String guessesPerPerson();

        /**
         * People whose password one service (not the identity provider) checks for the first time in a
         * day: more than this is audited as a suspected spray ({@code credentials.spray-suspected}).
         */
        @WithDefault("50/1H")
        String sprayPeople();

        /** Login decisions, per service. */
        @WithDefault("1000/1S")
        String decisionsPerService();

        /** Event reports ({@code POST /api/v1/events}, up to 250 events each), per service. */
        @WithDefault("50/1S")
        String eventBatchesPerService();

        /** The bytes of event reports a service may send a day (at most 2G). */
        @WithDefault("1G")
        io.quarkus.runtime.configuration.MemorySize eventBytesPerServiceDaily();
    }

    /**
     * The admin console's sign-in through Keycloak. Read by Quarkus OIDC (application.properties)
     * and by {@link ConsoleSignIn}, which turns sign-in off when no issuer is set.
     */
    interface Console {
        /** The realm's URL, e.g. http://127.0.0.1:8080/realms/employees. Unset: no console sign-in. */
        Optional<String> issuer();

        @WithDefault("portcullis-console")
        String clientId();

        /** The confidential client's secret in Keycloak. */
        Optional<String> clientSecret();

        /** Encrypts the session cookie; at least 32 characters. Unset: derived from the client secret. */
        Optional<String> sessionSecret();

        /**
         * An audience (the {@code aud} claim) that person tokens for Portcullis may carry instead of being
         * issued to {@link #clientId()}, e.g. when a front end of your own calls the API.
         */
        Optional<String> audience();

        /**
         * The {@code acr} values that prove a second factor: Keycloak's levels 2 ({@code mfa}) and 3
         * ({@code phr}) as the realm names them. A person's token without one of them counts for nothing.
         */
        @WithDefault("mfa,phr")
        List<String> acrValues();
    }

    /** Password checks: the breached-password corpus and the cost of fingerprints. */
    interface Credentials {
        /** The imported corpus. Unset: {@code breached-passwords.pcb} in {@link PortcullisConfig#home()}, if there. */
        Optional<String> breachedCorpus();

        /** Whether the built-in list of the 30,000 most common passwords applies too. */
        @WithDefault("true")
        boolean commonPasswords();

        /** How many Argon2id evaluations (19 MiB each) may run at once. Unset: one per processor. */
        OptionalInt maxConcurrentHashes();

        /** How long a password check waits for a free evaluation slot before answering 503. */
        @WithDefault("10S")
        Duration hashWait();
    }

    /** Forwarding of the audit log to a syslog collector (RFC 5424 over TCP, optionally TLS). */
    interface Syslog {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("6514")
        int port();

        /**
         * TLS, trusting the JVM's CA certificates or {@link #trustStore()}. Unset: TLS unless the collector is
         * on this host's loopback, so the audit log never leaves the machine in clear text by default.
         */
        Optional<Boolean> tls();

        /** A PKCS#12 file with the collector's certificate or its CA. */
        Optional<String> trustStore();

        Optional<String> trustStorePassword();

        /** How long to wait before trying a collector that was unreachable again. */
        @WithDefault("2S")
        Duration retryInterval();

        @WithDefault("500")
        int batchSize();
    }

    interface Auth {
        /**
         * How long a replica trusts a verified API key without asking the database again. A rotated or
         * deleted key, or changed certificate pins, hold at once on the replica that changed them, and within
         * this time on the others.
         */
        @WithDefault("1S")
        Duration keyCacheTtl();

        /**
         * {@code required}: an API key or the admin token counts only over TLS from a client that presented a
         * certificate this service trusts ({@code quarkus.tls.trust-store.*}), so a stolen key alone opens
         * nothing. Person tokens (the console's) are not affected. {@code none} (default): keys alone. Either
         * way, the key of a service pinned to client certificates counts only with one of them.
         */
        @WithDefault("none")
        ClientCertificate clientCertificate();

        enum ClientCertificate {
            NONE, REQUIRED
        }
    }

    interface Mfa {
        /** Issuer shown by authenticator apps. */
        @WithDefault("Portcullis")
        String issuer();

        /** Consecutive failures (TOTP or recovery code) that lock a subject. */
        @WithDefault("5")
        int maxFailures();

        /** How long the first lock lasts; each lock that follows another without a success lasts twice as long. */
        @WithDefault("15M")
        Duration lockout();

        /** The longest a lock lasts, however many came before it. */
        @WithDefault("24H")
        Duration maxLockout();

        /** How long a started enrolment waits for its first code. */
        @WithDefault("10M")
        Duration enrolmentTtl();

        /** How long a replica may answer from its cached copy of the policies. */
        @WithDefault("1S")
        Duration policyCacheTtl();
    }

    interface Http {
        /** Largest request body the API reads; larger ones get 413. */
        @WithDefault("64K")
        MemorySize maxBodySize();
    }

    interface Db {
        /** JDBC URL of PostgreSQL. Unset: embedded H2 under {@link PortcullisConfig#home()}. */
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();
    }

    /** Events services report ({@code POST /api/v1/events}). */
    interface Events {
        /**
         * How many days the receipt of an event id is kept ({@code PORTCULLIS_EVENTS_RECEIPT_DAYS}): the same
         * id from the same service within them is dropped as a duplicate; after them it would be recorded again.
         */
        @WithDefault("30")
        int receiptDays();
    }

    interface Audit {
        /**
         * Largest batch {@code POST /api/v1/events} accepts: above the Keycloak forwarder's largest, 200
         * events and up to 2 notices of its own (events it dropped or set aside), so that it is never refused.
         */
        @WithDefault("250")
        int maxBatch();

        /** How many events the verifier reads per page. */
        @WithDefault("1000")
        int verifyPageSize();

        /**
         * The fewest days a purge keeps: a purge of anything younger is refused, so that a stolen admin
         * session cannot erase the recent trail of what it did.
         */
        @WithDefault("90")
        int minRetentionDays();
    }
}
