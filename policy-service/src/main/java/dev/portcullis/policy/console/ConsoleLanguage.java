package dev.portcullis.policy.console;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of this request's console page: the one the person chose with the switch in the
 * header (a cookie), else the best of English and Japanese by the browser's {@code Accept-Language},
 * else English. Templates read it as {@code {inject:consoleLanguage.tag}}.
 */
@RequestScoped
@Named("consoleLanguage")
public class ConsoleLanguage {

    static final String COOKIE = "portcullis-lang";
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

    @Inject
    CurrentVertxRequest request;

    private Locale chosen;

    public Locale locale() {
        if (chosen == null) {
            RoutingContext context = request.getCurrent();
            chosen = context == null ? Locale.ENGLISH : of(context.request());
        }
        return chosen;
    }

    /** {@code en} or {@code ja}, for {@code <html lang>}. */
    public String tag() {
        return locale().getLanguage();
    }

    /** The console's words in this request's language, for messages built in Java. */
    public ConsoleMessages messages() {
        return MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(tag()));
    }

    /** The link of the header's switch to {@code language}, coming back to this page. */
    public String switchTo(String language) {
        RoutingContext context = request.getCurrent();
        String here = context == null ? "/console" : context.request().uri();
        return "/console/language?to=" + language + "&back=" + ConsoleExtensions.path(here);
    }

    /** The language {@code request} asks for, by its cookie and its {@code Accept-Language}. */
    static Locale of(HttpServerRequest request) {
        return choose(Optional.ofNullable(request.getCookie(COOKIE)).map(Cookie::getValue).orElse(null),
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The supported language a person asked for: a valid cookie first, then the browser's list. */
    static Locale choose(String cookie, String acceptLanguage) {
        Optional<Locale> set = supported(cookie);
        if (set.isPresent()) {
            return set.get();
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() <= 512) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException malformed) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    /** {@code en} or {@code ja} as a supported locale; anything else is not one. */
    static Optional<Locale> supported(String tag) {
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(tag)).findFirst();
    }
}
