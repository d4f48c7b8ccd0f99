package dev.portcullis.keycloak.client;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * SPI {@code portcullis}: how this Keycloak node reaches the policy service. Its one provider,
 * {@code default}, takes the options {@code --spi-portcullis--default--url}, {@code ...--api-key} and
 * the rest of {@link PolicyServiceSettings} (or {@code PORTCULLIS_URL}, {@code PORTCULLIS_API_KEY}).
 */
public final class PolicyServiceConnectionSpi implements Spi {

    public static final String NAME = "portcullis";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PolicyServiceConnection.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PolicyServiceConnectionFactory.class;
    }
}
