package dev.portcullis.keycloak.client;

import org.keycloak.provider.ProviderFactory;

/** Factories of SPI {@code portcullis}; {@link DefaultPolicyServiceConnectionFactory} is the one shipped. */
public interface PolicyServiceConnectionFactory extends ProviderFactory<PolicyServiceConnection> {
}
