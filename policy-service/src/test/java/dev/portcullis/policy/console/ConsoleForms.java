package dev.portcullis.policy.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.People;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posts console forms the way a browser does: the CSRF cookie and the form's hidden token. */
final class ConsoleForms {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private ConsoleForms() {
    }

    /** Opens {@code page} as {@code token}'s person, then posts {@code fields} to {@code action}. */
    static Response post(String token, String page, String action, Map<String, ?> fields) {
        return post("en", token, page, action, fields);
    }

    /** The same, with a browser that asks for {@code language} first. */
    static Response post(String language, String token, String page, String action, Map<String, ?> fields) {
        Response form = People.as(token).header("Accept-Language", language).get(page);
        assertThat(form.statusCode()).as("form page " + page).isEqualTo(200);
        Matcher hidden = TOKEN.matcher(form.asString());
        assertThat(hidden.find()).as("CSRF field on " + page).isTrue();
        return People.as(token).header("Accept-Language", language)
                .cookie("portcullis-csrf", form.getCookie("portcullis-csrf") != null
                        ? form.getCookie("portcullis-csrf") : hidden.group(1))
                .contentType("application/x-www-form-urlencoded")
                .formParams(fields)
                .formParam("csrf", hidden.group(1))
                .post(action);
    }
}
