package dev.portcullis.policy.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * The console's page for when Keycloak cannot be reached. It is written outside any endpoint (by a
 * failure handler), so the language comes straight from the request's cookie and header.
 */
public final class SignInUnavailablePage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance signInUnavailable();
    }

    private SignInUnavailablePage() {
    }

    public static String render(HttpServerRequest request) {
        return Templates.signInUnavailable().setLocale(ConsoleLanguage.of(request)).render();
    }
}
