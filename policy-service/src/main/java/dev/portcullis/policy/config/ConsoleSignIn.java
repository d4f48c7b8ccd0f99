package dev.portcullis.policy.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the console's sign-in on when an OpenID Connect issuer is configured
 * ({@code portcullis.console.issuer}, PORTCULLIS_CONSOLE_ISSUER: the Keycloak realm's URL), and
 * off otherwise, so that the service starts without any Keycloak and then accepts only its own
 * bearer tokens.
 */
public class ConsoleSignIn implements ConfigSourceFactory {

    static final String ISSUER_KEY = "portcullis.console.issuer";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue issuer = context.getValue(ISSUER_KEY);
        boolean configured = issuer != null && issuer.getValue() != null && !issuer.getValue().isBlank();
        return List.of(new PropertiesConfigSource(selection(configured), "portcullis-console-sign-in", 1000));
    }

    static Map<String, String> selection(boolean configured) {
        Map<String, String> values = new HashMap<>();
        values.put("quarkus.oidc.tenant-enabled", Boolean.toString(configured));
        return values;
    }
}
