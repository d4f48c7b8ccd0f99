package dev.portcullis.policy.services;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** {@code PUT /api/v1/admin/services/{name}/certificate-pins}: the pins that replace the service's; empty unpins it. */
public record CertificatePinsRequest(@NotNull(message = "is required (an empty list unpins the service)") List<String> pins) {
}
