package dev.portcullis.policy.services;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/v1/admin/services}; {@code certificatePins} may be left out. */
public record CreateServiceRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = NAME_PATTERN, message = "must be 1-64 characters of a-z, 0-9, '.', '_' or '-',"
                + " starting with a letter or digit")
        String name,
        @NotEmpty(message = "must name at least one scope (mfa, credentials, events)")
        @Size(max = 8, message = "has too many entries")
        List<String> scopes,
        /** Optional: the client certificates the key must come with ({@link CertificatePins}). */
        List<String> certificatePins) {

    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";
}
