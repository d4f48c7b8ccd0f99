package dev.portcullis.policy.credentials;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/credentials/check}: would {@code password} be acceptable for {@code subject} at
 * {@code service}? The optional groups, roles and client select the policies as for a login
 * decision; without them, the policies that apply to everyone decide.
 */
public record CheckRequest(
        String subject,
        String service,
        String password,
        @Size(max = 200, message = "has more than 200 entries")
        List<@Size(max = 255, message = "is too long") String> groups,
        @Size(max = 200, message = "has more than 200 entries")
        List<@Size(max = 255, message = "is too long") String> roles,
        @Size(max = 255, message = "is longer than 255 characters") String client) {

    public CheckRequest {
        groups = groups == null ? List.of() : groups;
        roles = roles == null ? List.of() : roles;
    }

    @Override
    public String toString() {
        return "CheckRequest[subject=" + subject + ", service=" + service + ", password=redacted]";
    }
}
