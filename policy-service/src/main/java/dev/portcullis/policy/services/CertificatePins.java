package dev.portcullis.policy.services;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CertificatePin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client certificates a service's key must come with: at most {@value #MAX} pins, so that a
 * certificate can be renewed with a new key without an outage (add the new pin, roll the certificate,
 * remove the old pin). Stored comma-separated in their one form, {@code sha256/<base64>}.
 */
public final class CertificatePins {

    public static final int MAX = 2;

    private CertificatePins() {
    }

    /**
     * The pins written in {@code values} (null: none), in order; a 400 problem naming the field
     * ({@code field[i]}) for a malformed or repeated one, or naming {@code field} for too many.
     */
    public static List<CertificatePin> parse(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX) {
            throw ApiProblem.invalidField(field, "holds at most " + MAX
                    + " pins: the certificate in use and the one that replaces it");
        }
        List<CertificatePin> pins = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            CertificatePin pin;
            try {
                pin = CertificatePin.parse(values.get(i));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField(field + "[" + i + "]", e.getMessage());
            }
            if (pins.contains(pin)) {
                throw ApiProblem.invalidField(field + "[" + i + "]", "repeats an earlier pin");
            }
            pins.add(pin);
        }
        return List.copyOf(pins);
    }

    static String store(List<CertificatePin> pins) {
        return String.join(",", text(pins));
    }

    static List<CertificatePin> load(String stored) {
        return stored == null || stored.isEmpty() ? List.of()
                : Arrays.stream(stored.split(",")).map(CertificatePin::parse).toList();
    }

    static List<String> text(List<CertificatePin> pins) {
        return pins.stream().map(CertificatePin::toString).toList();
    }
}
