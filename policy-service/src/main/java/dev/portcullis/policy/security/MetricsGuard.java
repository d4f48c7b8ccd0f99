package dev.portcullis.policy.security;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.crypto.Secrets;
import dev.portcullis.policy.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * With {@code PORTCULLIS_METRICS_TOKEN} set, {@code /q/metrics} is served only to a caller that sends it as
 * a bearer token (compared in constant time): the figures say who logs in how often, which is no one
 * else's business. Everything else passes untouched.
 */
@ApplicationScoped
public class MetricsGuard {

    static final int MIN_TOKEN_LENGTH = 16;
    private static final String PREFIX = "Bearer ";

    private final Optional<String> token;

    @Inject
    public MetricsGuard(PortcullisConfig config) {
        this.token = config.metrics().token().filter(t -> !t.isBlank());
        token.ifPresent(t -> {
            if (t.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalStateException("PORTCULLIS_METRICS_TOKEN is too short: use at least "
                        + MIN_TOKEN_LENGTH + " random characters, e.g. `openssl rand -hex 32`.");
            }
        });
    }

    void register(@Observes Filters filters) {
        if (token.isPresent()) {
            filters.register(this::guard, 200);
        }
    }

    void guard(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.equals("/q/metrics") && !path.startsWith("/q/metrics/")) {
            context.next();
            return;
        }
        if (allowed(token.get(), context.request().getHeader("Authorization"))) {
            context.next();
            return;
        }
        context.response().setStatusCode(401)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer realm=\"portcullis-metrics\"")
                .end("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"the metrics need the metrics token as a bearer token\"}");
    }

    static boolean allowed(String token, String header) {
        return header != null && header.length() > PREFIX.length()
                && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && Secrets.constantTimeEquals(token, header.substring(PREFIX.length()).trim());
    }
}
