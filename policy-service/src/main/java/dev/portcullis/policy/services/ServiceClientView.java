package dev.portcullis.policy.services;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** What may be shown of a service: never its key or the key's hash. */
public record ServiceClientView(String name, List<String> scopes, Instant createdAt, Instant keyRotatedAt) {

    static ServiceClientView of(ServiceClient entity) {
        List<String> scopes = entity.scopes.isEmpty() ? List.of() : Arrays.asList(entity.scopes.split(","));
        return new ServiceClientView(entity.name, List.copyOf(scopes), entity.createdAt, entity.keyRotatedAt);
    }
}
