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

    /**
     * A pinned service's key came with another client certificate ({@code presented}), or with none
     * (null): records it. Called on a worker thread, once the request has been refused.
     */
    default void certificateRefused(ServiceKey service, CertificatePin presented, String ip) {
    }

    /**
     * A service, as authentication sees it: its name, scopes and the pins of the client certificates
     * its key must come with (none: any certificate, or none where certificates are not required).
     */
    record ServiceKey(String name, List<String> scopes, List<CertificatePin> pins) {

        public ServiceKey {
            scopes = List.copyOf(scopes);
            pins = List.copyOf(pins);
        }

        /**
         * Whether a request that presented {@code certificate} (null: none) may use this key. Every pin
         * is compared, in constant time, whichever matches.
         */
        public boolean accepts(CertificatePin certificate) {
            if (pins.isEmpty()) {
                return true;
            }
            boolean matched = false;
            for (CertificatePin pin : pins) {
                matched |= pin.matches(certificate);
            }
            return matched;
        }
    }
}
