package dev.portcullis.policy.export;

/** RFC 4180 fields. */
final class Csv {

    private Csv() {
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.isEmpty() ? false : value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r'
                || c == '\n') || Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1));
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
