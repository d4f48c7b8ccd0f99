package dev.portcullis.policy.subjects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A subject's stored {@link SubjectFacts} read as they were stored, with one streaming pass over the
 * JSON and without sorting or bounding them again (they were, when stored): for the console, which
 * reads every subject's facts to count them.
 */
public record StoredFacts(List<String> groups, List<String> roles, String client, boolean webauthn,
        boolean passkey) {

    public static final StoredFacts NONE = new StoredFacts(List.of(), List.of(), null, false, false);
    private static final JsonFactory JSON = new JsonFactory();

    public static StoredFacts of(SubjectFacts facts) {
        return new StoredFacts(facts.groups(), facts.roles(), facts.client(), facts.webauthn(), facts.passkey());
    }

    /** The facts in {@code json} (a column's value), or {@link #NONE} when there are none or they do not read. */
    public static StoredFacts read(String json) {
        if (json == null) {
            return NONE;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            List<String> groups = List.of();
            List<String> roles = List.of();
            String client = null;
            boolean webauthn = false;
            boolean passkey = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "groups" -> groups = names(parser, value);
                    case "roles" -> roles = names(parser, value);
                    case "client" -> client = value == JsonToken.VALUE_NULL ? null : scalar(parser, value);
                    case "webauthn" -> webauthn = value == JsonToken.VALUE_TRUE;
                    case "passkey" -> passkey = value == JsonToken.VALUE_TRUE;
                    default -> parser.skipChildren();
                }
            }
            return new StoredFacts(groups, roles, client, webauthn, passkey);
        } catch (IOException | IllegalArgumentException e) {
            return NONE;
        }
    }

    private static List<String> names(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("not a list of names");
        }
        List<String> names = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            names.add(scalar(parser, token));
        }
        return names;
    }

    private static String scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token == null || !token.isScalarValue() || token == JsonToken.VALUE_NULL) {
            throw new IllegalArgumentException("not a name");
        }
        return parser.getText();
    }
}
