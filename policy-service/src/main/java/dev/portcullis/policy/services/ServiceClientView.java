package dev.portcullis.policy.services;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What may be shown of a service: never its key or the key's hash. Its certificate pins are hashes of
 * public keys, nothing secret.
 */
public record ServiceClientView(String name, List<String> scopes, List<String> certificatePins, Instant createdAt,
        Instant keyRotatedAt) {

    static ServiceClientView of(ServiceClient entity) {
        List<String> scopes = entity.scopes.isEmpty() ? List.of() : Arrays.asList(entity.scopes.split(","));
        return new ServiceClientView(entity.name, List.copyOf(scopes),
                CertificatePins.text(CertificatePins.load(entity.certificatePins)), entity.createdAt,
                entity.keyRotatedAt);
    }
}
