package dev.portcullis.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Walks Keycloak's login pages at the HTTP level, as a browser would: follows redirects, submits
 * forms and keeps cookies. Keycloak marks its cookies Secure even on http://127.0.0.1, which a
 * browser accepts on loopback but Java's cookie handling does not, so this jar keeps every cookie.
 * Stops at a redirect to the client's redirect URI, where a real browser would leave Keycloak.
 */
public final class Browser {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** By name and path: two realms set cookies of the same names under their own paths. */
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    private record Cookie(String name, String value, String path) {
    }
    private final java.util.List<String> stopAt;

    /** Stops at a redirect to any of these (the redirect URIs of the clients it signs in to). */
    public Browser(String... redirectUris) {
        this.stopAt = java.util.List.of(redirectUris);
    }

    /** A page, or the final redirect to the client ({@link #location()} then carries the code). */
    public record Page(int status, String url, String body, String location) {

        public boolean redirectedToClient() {
            return location != null;
        }

        /** The action of the form with this id (or the first form), unescaped. */
        public String formAction(String formId) {
            Pattern pattern = formId == null ? Pattern.compile("<form[^>]*action=\"([^\"]+)\"")
                    : Pattern.compile("<form[^>]*id=\"" + formId + "\"[^>]*action=\"([^\"]+)\"");
            Matcher matcher = pattern.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no form " + formId + " on " + url + ":\n" + body);
            }
            return matcher.group(1).replace("&amp;", "&");
        }

        /** The authorization code the client receives. */
        public String code() {
            Matcher matcher = Pattern.compile("[?&]code=([^&]+)").matcher(location);
            if (!matcher.find()) {
                throw new AssertionError("no code in " + location);
            }
            return java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
        }

        public boolean shows(String template) {
            return body.contains("template: " + template);
        }

        /** The first link whose address contains {@code part}, unescaped. */
        public String link(String part) {
            Matcher matcher = Pattern.compile("href=\"([^\"]*" + Pattern.quote(part) + "[^\"]*)\"").matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no link to " + part + " on " + url + ":\n" + body);
            }
            return matcher.group(1).replace("&amp;", "&");
        }

        public String text() {
            return body.replaceAll("(?s)<script.*?</script>", "").replaceAll("<[^>]+>", " ")
                    .replace("&nbsp;", " ").replaceAll("\\s+", " ");
        }
    }

    public Page get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Page post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
        for (int hops = 0; hops < 10; hops++) {
            HttpRequest built = request.timeout(Duration.ofSeconds(15)).build();
            String path = built.uri().getPath();
            String sent = cookies.values().stream().filter(c -> path.startsWith(c.path()))
                    .sorted(java.util.Comparator.comparing((Cookie c) -> c.path().length()).reversed())
                    .map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
            if (!sent.isEmpty()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true).header("Cookie", sent).build();
            }
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            keepCookies(response, built.uri().getPath());
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Page(response.statusCode(), built.uri().toString(), response.body(), null);
            }
            URI next = built.uri().resolve(location);
            if (stopAt.stream().anyMatch(next.toString()::startsWith)) {
                return new Page(response.statusCode(), built.uri().toString(), response.body(), next.toString());
            }
            request = HttpRequest.newBuilder(next).GET();
        }
        throw new AssertionError("too many redirects");
    }

    private void keepCookies(HttpResponse<String> response, String requestPath) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            java.util.regex.Matcher pathAttribute = Pattern.compile("(?i);\\s*path=([^;]*)").matcher(header);
            String path = pathAttribute.find() ? pathAttribute.group(1).trim()
                    : requestPath.substring(0, Math.max(1, requestPath.lastIndexOf('/')));
            if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                cookies.remove(name + "|" + path);
            } else {
                cookies.put(name + "|" + path, new Cookie(name, value, path));
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
