package dev.portcullis.policy.problem;

import dev.portcullis.policy.config.PortcullisConfig;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an API request whose Content-Length is over the limit before reading any of it, with a
 * 413 problem. Bodies that announce no length are cut off while being read
 * ({@link BodyLimitInterceptor}). The HTTP layer's own limit (quarkus.http.limits.max-body-size)
 * stays above this one as a last resort.
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, PortcullisConfig config) {
        long limit = config.http().maxBodySize().asLongValue();
        router.route("/api/*").order(-100).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && declaredLength(length) > limit) {
                tooLarge(context, limit);
            } else {
                context.next();
            }
        });
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static Problem problem(long limit, String path) {
        return Problem.of(413, "The request body is larger than " + limit / 1024 + " KiB; send less at a time.")
                .withInstance(path);
    }

    private static void tooLarge(RoutingContext context, long limit) {
        context.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem(limit, context.request().path())));
    }
}
