package dev.portcullis.policy.export;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 fields, written straight to the output (the export's hot path). */
final class Csv {

    private Csv() {
    }

    /** Quoted when it holds a comma, quote or line break, or starts or ends with white space; quotes doubled. */
    static void write(String value, Writer out) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        int length = value.length();
        boolean quote = Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(length - 1));
        for (int i = 0; i < length && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) == '"') {
                out.write(value, start, i + 1 - start);
                out.write('"');
                start = i + 1;
            }
        }
        out.write(value, start, length - start);
        out.write('"');
    }
}
