package dev.portcullis.policy.security;

import java.util.List;
import java.util.Optional;

/**
 * How authentication finds the service an API key belongs to. The services capability implements it;
 * security knows only this, so that it depends on nothing but configuration, crypto and problems.
 */
public interface ServiceKeys {

    /** The service whose key this is, or empty for an unknown, revoked or malformed key. */
    Optional<ServiceKey> authenticate(String key);

    /**
     * The service whose key this is, when it was verified moments ago: from memory alone, without a
     * lookup, so it may be asked on an I/O thread. Empty means only that it must be looked up.
     */
    default Optional<ServiceKey> remembered(String key) {
        return Optional.empty();
    }

    /** A service, as authentication sees it: its name and scopes. */
    record ServiceKey(String name, List<String> scopes) {
    }
}
