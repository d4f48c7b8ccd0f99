package dev.portcullis.policy.export;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 fields, written straight to the output (the export's hot path). */
final class Csv {

    private Csv() {
    }

    /**
     * Quoted when it holds a comma, quote or line break, or starts or ends with white space; quotes
     * doubled. A cell a spreadsheet would take for a formula (it starts with {@code =}, {@code +},
     * {@code -}, {@code @}, a tab or a carriage return) is defused the OWASP way: a single quote
     * before it, and the cell quoted, so that it opens as text. Only such cells change.
     */
    static void write(String value, Writer out) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (formula(value.charAt(0))) {
            out.write("\"'");
            writeEscaped(value, out);
            out.write('"');
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
        writeEscaped(value, out);
        out.write('"');
    }

    static boolean formula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static void writeEscaped(String value, Writer out) throws IOException {
        int start = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) == '"') {
                out.write(value, start, i + 1 - start);
                out.write('"');
                start = i + 1;
            }
        }
        out.write(value, start, length - start);
    }
}
