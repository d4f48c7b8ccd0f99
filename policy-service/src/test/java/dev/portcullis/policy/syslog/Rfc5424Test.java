package dev.portcullis.policy.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.export.ExportRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rfc5424Test {

    static final ExportRow EVENT = new ExportRow(42, Instant.parse("2020-01-01T00:00:00Z"),
            Instant.parse("2026-11-24T10:00:00.123Z"),
            "admin:bootstrap", "mfa.locked", "yamada \"taro\" ]", "success", "192.0.2.1", "{\"名前\":\"山田\"}",
            "ab".repeat(32), "0".repeat(64));

    @Test
    void messagesAreOctetCountedRfc5424WithEscapedStructuredData() {
        byte[] frame = Rfc5424.frame(EVENT, "policy-1");
        String text = new String(frame, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        int length = Integer.parseInt(text.substring(0, space));
        assertThat(frame.length - space - 1).isEqualTo(length);
        // changed on purpose: TIMESTAMP is the recording time, the event's own time is the parameter "time"
        assertThat(text.substring(space + 1)).isEqualTo("<106>1 2026-11-24T10:00:00.123Z policy-1 portcullis - mfa.locked"
                + " [portcullis@32473 id=\"42\" time=\"2020-01-01T00:00:00Z\" actor=\"admin:bootstrap\" subject=\"yamada \\\"taro\\\" \\]\""
                + " outcome=\"success\" ip=\"192.0.2.1\" hash=\"" + "ab".repeat(32) + "\"] \uFEFF{\"名前\":\"山田\"}");
    }

    @ParameterizedTest
    @CsvSource({
        "mfa.locked, success, 2",
        "LOGIN_ERROR, failure, 4",
        "policy.updated, success, 5",
        "audit.purged, success, 5",
        "mfa.unlocked, success, 5",
        "LOGIN, success, 6"
    })
    void severityFollowsTypeAndOutcome(String type, String outcome, int severity) {
        assertThat(Rfc5424.severity(type, outcome)).isEqualTo(severity);
    }

    @Test
    void headerFieldsArePrintableAsciiAndBounded() {
        assertThat(Rfc5424.header("LOGIN ERROR", 32)).isEqualTo("LOGIN_ERROR");
        assertThat(Rfc5424.header("x".repeat(40), 32)).hasSize(32);
        assertThat(Rfc5424.header("", 32)).isEqualTo("-");
        assertThat(Rfc5424.header("名前", 32)).isEqualTo("__");
    }
}
