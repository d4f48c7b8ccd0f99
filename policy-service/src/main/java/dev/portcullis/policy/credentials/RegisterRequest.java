package dev.portcullis.policy.credentials;

/** {@code PUT /api/v1/credentials/{subject}/{service}}: the password the service has just saved. */
public record RegisterRequest(String password) {

    @Override
    public String toString() {
        return "RegisterRequest[password=redacted]";
    }
}
