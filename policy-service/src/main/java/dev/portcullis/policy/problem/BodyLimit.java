package dev.portcullis.policy.problem;

import dev.portcullis.policy.config.PortcullisConfig;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an API request whose Content-Length is over the limit before reading any of it, with a
 * 413 problem, and one that streams a body of unannounced length (chunked) with a 411 problem:
 * every client of this API knows its body's length, and a length known up front is what lets the
 * limit hold without buffering. The HTTP layer's own limit (quarkus.http.limits.max-body-size)
 * stays above this one as a last resort.
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, PortcullisConfig config) {
        long limit = config.http().maxBodySize().asLongValue();
        router.route("/api/*").order(-100).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && declaredLength(length) > limit) {
                refuse(context, Problem.of(413, "The request body is larger than " + limit / 1024
                        + " KiB; send less at a time."));
            } else if (length == null && context.request().getHeader("Transfer-Encoding") != null) {
                refuse(context, Problem.of(411, "Send the body with a Content-Length header (at most "
                        + limit / 1024 + " KiB); streamed bodies of unknown length are not accepted."));
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

    private static void refuse(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem.withInstance(context.request().path())));
    }
}
