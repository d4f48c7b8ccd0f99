package dev.portcullis.policy.security;

import io.vertx.ext.web.RoutingContext;

/** The admin console's pages, signed in to through OIDC, as opposed to the bearer-token API. */
public final class ConsolePaths {

    public static final String ROOT = "/console";

    private ConsolePaths() {
    }

    public static boolean isConsole(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    static boolean isConsole(RoutingContext context) {
        return isConsole(context.normalizedPath());
    }
}
