package dev.portcullis.policy.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One event as one line of JSON; its details (stored as canonical JSON) are embedded as an object. */
final class JsonLines {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLines() {
    }

    static String line(ExportRow row) {
        StringWriter out = new StringWriter(256 + row.details().length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("id", row.id());
            json.writeStringField("time", row.time().toString());
            json.writeStringField("recordedAt", row.recordedAt().toString());
            json.writeStringField("actor", row.actor());
            json.writeStringField("type", row.type());
            json.writeStringField("subject", row.subject());
            json.writeStringField("outcome", row.outcome());
            json.writeStringField("ip", row.ip());
            json.writeFieldName("details");
            json.writeRawValue(row.details());
            json.writeStringField("hash", row.hash());
            json.writeStringField("prevHash", row.prevHash());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
