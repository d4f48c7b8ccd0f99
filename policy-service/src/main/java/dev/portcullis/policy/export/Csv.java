package dev.portcullis.policy.export;

/** RFC 4180 fields. */
final class Csv {

    private Csv() {
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean quote = Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1));
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
