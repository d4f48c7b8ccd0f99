package dev.portcullis.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's way through a realm's login pages to a client's callback, by name ({@code localhost}:
 * WebAuthn refuses an IP address), in Chromium or at the HTTP level, and the {@code acr} the tokens
 * of the code carry.
 */
public record Logins(KeycloakProcess keycloak, ClientApp apps, int keycloakPort, String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Logins[keycloakPort=" + keycloakPort + ", password=redacted]";
    }

    public String authUrl(String realm, String client) {
        return "http://localhost:" + keycloakPort + "/realms/" + realm + "/protocol/openid-connect/auth?client_id="
                + client + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(apps.redirectUri(client), StandardCharsets.UTF_8);
    }

    public void signIn(Chromium browser, String realm, String client, String person) {
        browser.open(authUrl(realm, client));
        browser.type(By.id("username"), person);
        browser.type(By.id("password"), password);
        browser.follow(By.id("kc-login"));
    }

    /** The page after the password, at the HTTP level; {@code extra} adds to the authorization request. */
    public Browser.Page passwordPage(Browser browser, String realm, String client, String person, String extra)
            throws Exception {
        Browser.Page login = browser.get(authUrl(realm, client) + extra);
        return browser.post(login.formAction("kc-form-login"), Map.of("username", person, "password", password));
    }

    /** Waits for the browser to land on the client, and takes the authorization code it brought. */
    public String codeOnArrival(Chromium browser, String client) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith(apps.redirectUri(client)));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(browser.url());
        assertThat(code.find()).as(browser.url()).isTrue();
        return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    /** The {@code acr} of the access token that {@code code} gets. */
    public String acr(String realm, String code, String client) throws Exception {
        HttpResponse<String> tokens = keycloak.exchangeCode(realm, client, apps.redirectUri(client), code);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return (String) Jwt.claims(Jwt.field(tokens.body(), "access_token")).get("acr");
    }
}
