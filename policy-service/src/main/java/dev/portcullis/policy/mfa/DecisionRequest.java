package dev.portcullis.policy.mfa;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/v1/decisions/login}: who is logging in, in which groups and roles, to which client. */
public record DecisionRequest(
        @NotBlank(message = "is required") @Size(max = 255, message = "is longer than 255 characters") String subject,
        @Size(max = 200, message = "has more than 200 entries")
        List<@NotBlank(message = "must not be blank") @Size(max = 255, message = "is too long") String> groups,
        @Size(max = 200, message = "has more than 200 entries")
        List<@NotBlank(message = "must not be blank") @Size(max = 255, message = "is too long") String> roles,
        @Size(max = 255, message = "is longer than 255 characters") String client,
        @Size(max = 10, message = "has more than 10 entries") List<String> enrolledMethods) {

    public DecisionRequest {
        groups = groups == null ? List.of() : groups;
        roles = roles == null ? List.of() : roles;
        enrolledMethods = enrolledMethods == null ? List.of() : enrolledMethods;
    }
}
