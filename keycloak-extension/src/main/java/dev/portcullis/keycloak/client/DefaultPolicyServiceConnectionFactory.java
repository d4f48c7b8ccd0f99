package dev.portcullis.keycloak.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Provider {@code default} of SPI {@code portcullis}: parses the options once at startup and holds the
 * node's one {@link PolicyServiceConnection} until shutdown. Its options are declared in
 * {@link #getConfigMetadata()} (so {@code kc.sh} knows them) and its state is shown in the admin
 * console's provider info ({@link #getOperationalInfo()}): where it points, whether it is configured
 * and why not, and the event queue. The API key is never shown.
 */
public class DefaultPolicyServiceConnectionFactory implements PolicyServiceConnectionFactory,
        ServerInfoAwareProviderFactory {

    public static final String ID = "default";

    private static final Logger LOG = Logger.getLogger(DefaultPolicyServiceConnectionFactory.class);

    private PolicyServiceConnection connection = NotConfigured.MISSING_PROVIDER;

    @Override
    public void init(Config.Scope config) {
        connection = connect(config, System.getenv());
        if (connection instanceof NotConfigured missing) {
            LOG.errorf("The policy service connection is not configured (%s): MFA refuses every login, and"
                    + " password checks and event forwarding are off. Set --spi-%s--%s--url and --spi-%s--%s--api-key"
                    + " (or PORTCULLIS_URL and PORTCULLIS_API_KEY).", missing.reason(), PolicyServiceConnectionSpi.NAME,
                    ID, PolicyServiceConnectionSpi.NAME, ID);
        } else {
            PolicyServiceSettings settings = connection.client().settings();
            LOG.infof("Portcullis policy service at %s (TLS: %s)", settings.url(), settings.tlsDescription());
            if ("http".equals(settings.url().getScheme()) && !loopback(settings.url().getHost())) {
                LOG.warnf("The policy service URL is plain http to another host: the API key, passwords and codes"
                        + " cross the network in clear. Use https.");
            }
        }
    }

    static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** The connection the options describe, or {@link NotConfigured} with the reason. */
    static PolicyServiceConnection connect(Config.Scope config, Map<String, String> environment) {
        try {
            return new Connected(PolicyServiceSettings.from(config, environment));
        } catch (IllegalArgumentException e) {
            return new NotConfigured(e.getMessage(), PolicyServiceSettings.failureModeOrClosed(config));
        }
    }

    @Override
    public PolicyServiceConnection create(KeycloakSession session) {
        return connection;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (connection instanceof Connected connected) {
            connected.start(factory);
        }
    }

    @Override
    public void close() {
        if (connection instanceof Connected connected) {
            connected.shutDown();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return PolicyServiceSettings.metadata();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return operationalInfo(connection);
    }

    static Map<String, String> operationalInfo(PolicyServiceConnection connection) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("configured", Boolean.toString(connection.configured()));
        info.put("passwordFailureMode", connection.passwordFailureMode().name().toLowerCase(java.util.Locale.ROOT));
        if (connection instanceof NotConfigured missing) {
            info.put("reason", missing.reason());
        } else if (connection instanceof Connected connected) {
            PolicyServiceSettings settings = connected.client().settings();
            info.put("url", settings.url().toString());
            info.put("tls", settings.tlsDescription());
            info.put("connectTimeoutMs", Long.toString(settings.connectTimeout().toMillis()));
            info.put("requestTimeoutMs", Long.toString(settings.requestTimeout().toMillis()));
            info.putAll(DecisionAhead.counts());
            if (connected.forwarder() == null) {
                return info;
            }
            info.put("eventsSent", Long.toString(connected.forwarder().sent()));
            info.put("eventsPending", Long.toString(connected.forwarder().pending()));
            info.put("eventsJournalMax", Long.toString(settings.eventsJournalMax()));
            info.put("eventsOldestWaitingSeconds", Long.toString(connected.forwarder().oldestWaiting().toSeconds()));
            info.put("eventsDropped", Long.toString(connected.forwarder().dropped()));
            info.put("eventsSetAside", Long.toString(connected.forwarder().setAside()));
        }
        return info;
    }
}
