package dev.portcullis.policy.policies;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A policy as admins write it: whom it applies to, what MFA it demands, and how passwords are
 * checked. The JSON shape is the API contract.
 */
public record PolicyDocument(
        @NotNull(message = "is required") @Valid AppliesTo appliesTo,
        @NotNull(message = "is required") @Valid Mfa mfa,
        @NotNull(message = "is required") @Valid Passwords passwords) {

    static final int MAX_ENTRIES = 100;

    /** The built-in baseline of docs/architecture.md "Defaults"; also what applies when no policy matches. */
    public static final PolicyDocument BASELINE = new PolicyDocument(
            new AppliesTo(List.of(), List.of(), List.of()),
            new Mfa(true, List.of(Method.TOTP, Method.WEBAUTHN), 7, null, Binding.PASSWORD),
            new Passwords(Level.BLOCK, Level.WARN, Level.BLOCK, 8));

    /** Empty group and role lists mean everyone; a non-empty client list narrows to those clients. */
    public record AppliesTo(
            @Size(max = MAX_ENTRIES, message = "has more than 100 entries")
            List<@NotBlank(message = "must not be blank") @Size(max = 255, message = "is too long") String> groups,
            @Size(max = MAX_ENTRIES, message = "has more than 100 entries")
            List<@NotBlank(message = "must not be blank") @Size(max = 255, message = "is too long") String> roles,
            @Size(max = MAX_ENTRIES, message = "has more than 100 entries")
            List<@NotBlank(message = "must not be blank") @Size(max = 255, message = "is too long") String> clients) {

        public AppliesTo {
            groups = groups == null ? List.of() : groups;
            roles = roles == null ? List.of() : roles;
            clients = clients == null ? List.of() : clients;
        }
    }

    /**
     * {@code effectiveFrom} (a date, UTC) may be null: in force since always. {@code binding}, what
     * it takes to bind a new factor ({@link Binding}), is {@code password} when absent: documents
     * written before it existed keep their meaning.
     */
    public record Mfa(
            @NotNull(message = "is required") Boolean required,
            @NotEmpty(message = "must name at least one method (totp, webauthn)")
            List<@NotNull(message = "must be totp or webauthn") Method> methods,
            @NotNull(message = "is required")
            @Min(value = 0, message = "must be between 0 and 365")
            @Max(value = 365, message = "must be between 0 and 365") Integer enrolmentGraceDays,
            LocalDate effectiveFrom,
            Binding binding) {

        public Mfa {
            binding = binding == null ? Binding.PASSWORD : binding;
        }

        public Mfa(Boolean required, List<Method> methods, Integer enrolmentGraceDays, LocalDate effectiveFrom) {
            this(required, methods, enrolmentGraceDays, effectiveFrom, Binding.PASSWORD);
        }
    }

    /** Passwords are accepted up to at least 64 characters, so no policy may ask for more. */
    public record Passwords(
            @NotNull(message = "is required (off, warn or block)") Level reuse,
            @NotNull(message = "is required (off, warn or block)") Level variantReuse,
            @NotNull(message = "is required (off, warn or block)") Level breached,
            @NotNull(message = "is required")
            @Min(value = 8, message = "must be between 8 and 64")
            @Max(value = 64, message = "must be between 8 and 64") Integer minLength) {
    }
}
