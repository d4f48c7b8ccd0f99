package dev.portcullis.policy.console;

import dev.portcullis.policy.problem.ApiProblem;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code /console/language?to=ja&back=/console/policies}: remembers the language a person chose for
 * the console (a cookie for a year) and goes back to the page they were on. Only a console path
 * is a way back, so the link cannot send anyone elsewhere.
 */
@Path("/console/language")
public class LanguageSwitch {

    /** A console path and query: no scheme, no host, no "//" or backslash, no control characters. */
    private static final Pattern BACK = Pattern.compile("/console(?:[/?][^\\\\\\p{Cntrl}]*)?");

    @GET
    @Authenticated
    public Response choose(@QueryParam("to") String to, @QueryParam("back") String back, @Context UriInfo uri) {
        String language = ConsoleLanguage.supported(to).map(l -> l.getLanguage()).orElseThrow(
                () -> ApiProblem.badRequest("The console speaks " + ConsoleLanguage.SUPPORTED.stream()
                        .map(l -> l.getLanguage()).toList() + "; 'to' must be one of them."));
        NewCookie cookie = new NewCookie.Builder(ConsoleLanguage.COOKIE).value(language).path("/console")
                .maxAge((int) Duration.ofDays(365).toSeconds()).httpOnly(true)
                .secure("https".equals(uri.getRequestUri().getScheme())).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(safe(back)).cookie(cookie).build();
    }

    /** {@code back} when it is a well-formed console path, else the dashboard. */
    static URI safe(String back) {
        if (back != null && back.length() <= 2048 && BACK.matcher(back).matches() && !back.contains("//")) {
            try {
                URI uri = new URI(back);
                if (uri.getScheme() == null && uri.getRawAuthority() == null) {
                    return uri;
                }
            } catch (URISyntaxException malformed) {
                // not a URI as browsers send it: go to the dashboard instead
            }
        }
        return URI.create("/console");
    }
}
