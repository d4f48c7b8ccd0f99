package dev.portcullis.keycloak.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * How Keycloak reaches the policy service: parsed once from SPI options
 * ({@code --spi-portcullis--default--url}, or {@code KC_SPI_PORTCULLIS__DEFAULT__URL}), falling back to the environment
 * ({@code PORTCULLIS_URL}, {@code PORTCULLIS_API_KEY}), and handed to providers as an immutable value.
 * MFA always fails closed; {@link #passwordFailureMode()} decides for password checks.
 */
public final class PolicyServiceSettings {

    public static final String URL = "url";
    public static final String API_KEY = "api-key";
    public static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
    public static final String REQUEST_TIMEOUT_MS = "request-timeout-ms";
    public static final String PASSWORD_FAILURE_MODE = "password-failure-mode";
    public static final String EVENTS_JOURNAL_MAX = "events-journal-max";

    static final String DEFAULT_URL = "http://127.0.0.1:8090";
    static final long DEFAULT_CONNECT_TIMEOUT_MS = 500;
    static final long DEFAULT_REQUEST_TIMEOUT_MS = 2000;
    /** Upper bounds: a slow policy service must never hold a login for longer. */
    static final long MAX_CONNECT_TIMEOUT_MS = 500;
    static final long MAX_REQUEST_TIMEOUT_MS = 2000;
    /** The journal of events waiting for the policy service holds at most this many; new ones are then dropped. */
    static final long DEFAULT_EVENTS_JOURNAL_MAX = 100_000;
    static final long MIN_EVENTS_JOURNAL_MAX = 1_000;
    static final long MAX_EVENTS_JOURNAL_MAX = 10_000_000;

    private final URI url;
    private final String apiKey;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final FailureMode passwordFailureMode;
    private final TlsSettings tls;
    private final long eventsJournalMax;

    private PolicyServiceSettings(URI url, String apiKey, Duration connectTimeout, Duration requestTimeout,
            FailureMode passwordFailureMode, TlsSettings tls, long eventsJournalMax) {
        this.url = url;
        this.apiKey = apiKey;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.passwordFailureMode = passwordFailureMode;
        this.tls = tls;
        this.eventsJournalMax = eventsJournalMax;
    }

    public static PolicyServiceSettings from(Config.Scope scope, Map<String, String> environment) {
        String url = first(scope.get(URL), environment.get("PORTCULLIS_URL"), DEFAULT_URL);
        String apiKey = first(scope.get(API_KEY), environment.get("PORTCULLIS_API_KEY"), null);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the policy service API key is not set: give --spi-portcullis--default--"
                    + API_KEY + " or PORTCULLIS_API_KEY");
        }
        URI uri = parseUrl(url);
        return new PolicyServiceSettings(uri, apiKey.trim(),
                millis(scope, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, MAX_CONNECT_TIMEOUT_MS),
                millis(scope, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, MAX_REQUEST_TIMEOUT_MS),
                failureMode(scope), TlsSettings.from(scope, uri.getScheme()), journalMax(scope));
    }

    /**
     * The password failure mode alone, for a connection whose other options are unusable: as configured
     * when that part is valid, otherwise closed (a typo must not quietly turn checks off).
     */
    static FailureMode failureModeOrClosed(Config.Scope scope) {
        try {
            return failureMode(scope);
        } catch (IllegalArgumentException e) {
            return FailureMode.CLOSED;
        }
    }

    private static long journalMax(Config.Scope scope) {
        Long value = scope.getLong(EVENTS_JOURNAL_MAX, DEFAULT_EVENTS_JOURNAL_MAX);
        if (value == null || value < MIN_EVENTS_JOURNAL_MAX || value > MAX_EVENTS_JOURNAL_MAX) {
            throw new IllegalArgumentException(EVENTS_JOURNAL_MAX + " must be between " + MIN_EVENTS_JOURNAL_MAX
                    + " and " + MAX_EVENTS_JOURNAL_MAX + " events, not " + value);
        }
        return value;
    }

    private static FailureMode failureMode(Config.Scope scope) {
        return FailureMode.parse(PASSWORD_FAILURE_MODE, scope.get(PASSWORD_FAILURE_MODE, "open"));
    }

    /** The options, for a factory's {@code getConfigMetadata()}. The key's value is never shown. */
    public static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(URL).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Base URL of the Portcullis policy service").defaultValue(DEFAULT_URL).add()
                .property().name(API_KEY).type(ProviderConfigProperty.PASSWORD)
                .helpText("API key of the 'keycloak' service (or PORTCULLIS_API_KEY)").secret(true).add()
                .property().name(CONNECT_TIMEOUT_MS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Connect timeout in ms, at most " + MAX_CONNECT_TIMEOUT_MS)
                .defaultValue(DEFAULT_CONNECT_TIMEOUT_MS).add()
                .property().name(REQUEST_TIMEOUT_MS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Request timeout in ms, at most " + MAX_REQUEST_TIMEOUT_MS)
                .defaultValue(DEFAULT_REQUEST_TIMEOUT_MS).add()
                .property().name(EVENTS_JOURNAL_MAX).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Events that may wait in Keycloak's database for the policy service, "
                        + MIN_EVENTS_JOURNAL_MAX + " to " + MAX_EVENTS_JOURNAL_MAX + "; past it, new ones are dropped"
                        + " and counted in the audit log")
                .defaultValue(DEFAULT_EVENTS_JOURNAL_MAX).add()
                .property().name(PASSWORD_FAILURE_MODE).type(ProviderConfigProperty.LIST_TYPE)
                .options("open", "closed").defaultValue("open")
                .helpText("Password checks when the service is unreachable: open (allow, audit later) or closed")
                .add()
                .property().name(TlsSettings.TRUST_STORE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("CA certificates that sign the service's certificate (PEM, or PKCS#12); default: the JVM's")
                .add()
                .property().name(TlsSettings.TRUST_STORE_PASSWORD).type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("Password of a PKCS#12 trust store").add()
                .property().name(TlsSettings.KEY_STORE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("PKCS#12 file with this node's client certificate and key, for mutual TLS").add()
                .property().name(TlsSettings.KEY_STORE_PASSWORD).type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("Password of the key store").add()
                .build();
    }

    public URI url() {
        return url;
    }

    public String apiKey() {
        return apiKey;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public FailureMode passwordFailureMode() {
        return passwordFailureMode;
    }

    /** How many events may wait in the journal for the policy service before new ones are dropped. */
    public long eventsJournalMax() {
        return eventsJournalMax;
    }

    /** The TLS context for an https URL with a trust or key store of its own; null for the JVM's defaults. */
    public javax.net.ssl.SSLContext sslContext() {
        return tls.context();
    }

    /** What the connection trusts and presents, for the provider info: file names only. */
    public String tlsDescription() {
        if (!"https".equals(url.getScheme())) {
            return "none (http)";
        }
        return "trust " + tls.trustStore().orElse("the JVM's CAs")
                + tls.keyStore().map(store -> ", client certificate " + store).orElse("");
    }

    @Override
    public String toString() {
        return "PolicyServiceSettings[url=" + url + ", apiKey=redacted, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", passwordFailureMode=" + passwordFailureMode + ", tls="
                + tlsDescription() + "]";
    }

    private static URI parseUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value.trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + " is not a valid URL: " + value);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(URL + " must be an http or https URL, not " + value);
        }
        return uri;
    }

    private static Duration millis(Config.Scope scope, String key, long fallback, long max) {
        Long value = scope.getLong(key, fallback);
        if (value == null || value <= 0 || value > max) {
            throw new IllegalArgumentException(key + " must be between 1 and " + max + " ms, not " + value);
        }
        return Duration.ofMillis(value);
    }

    private static String first(String option, String environment, String fallback) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return environment != null && !environment.isBlank() ? environment : fallback;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolicyServiceSettings that && url.equals(that.url) && apiKey.equals(that.apiKey)
                && connectTimeout.equals(that.connectTimeout) && requestTimeout.equals(that.requestTimeout)
                && passwordFailureMode == that.passwordFailureMode && eventsJournalMax == that.eventsJournalMax && tls.trustStore().equals(that.tls.trustStore())
                && tls.keyStore().equals(that.tls.keyStore());
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, apiKey, connectTimeout, requestTimeout, passwordFailureMode, eventsJournalMax, tls.trustStore(),
                tls.keyStore());
    }
}
