package dev.portcullis.policy.credentials;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The root of a password, which trivial variants share: {@code Summer2024!}, {@code Summer2025?} and
 * {@code summer1} all have the root {@code summer}. In order:
 * <ol>
 * <li>NFKC and lower case;</li>
 * <li>strip the leading and trailing runs of symbols, and the runs of digits that sit between those
 * and a letter: {@code 2024!} after {@code summer} goes, the {@code 3} of {@code dor&3} stays, because
 * it is not attached to the word;</li>
 * <li>undo the common substitutions 0→o 1→l 3→e 4→a 5→s 7→t @→a $→s.</li>
 * </ol>
 * A root shorter than {@link #MIN_LENGTH} code points says nothing about reuse and is not used.
 */
public final class PasswordRoot {

    /** Roots shorter than this (in code points) get no variant fingerprint. */
    public static final int MIN_LENGTH = 4;

    private PasswordRoot() {
    }

    public static String of(String password) {
        int[] cps = Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .codePoints().toArray();
        int start = 0;
        int end = cps.length;
        end = stripTrailing(cps, start, end);
        start = stripLeading(cps, start, end);
        StringBuilder root = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            root.appendCodePoint(undoSubstitution(cps[i]));
        }
        return root.toString();
    }

    /** True when a root this long earns a variant fingerprint. */
    public static boolean usable(String root) {
        return root.codePointCount(0, root.length()) >= MIN_LENGTH;
    }

    private static int stripTrailing(int[] cps, int start, int end) {
        while (end > start && isSymbol(cps[end - 1])) {
            end--;
        }
        int digits = end;
        while (digits > start && Character.isDigit(cps[digits - 1])) {
            digits--;
        }
        boolean attached = digits > start && Character.isLetter(cps[digits - 1]);
        return attached || digits == start ? digits : end;
    }

    private static int stripLeading(int[] cps, int start, int end) {
        while (start < end && isSymbol(cps[start])) {
            start++;
        }
        int digits = start;
        while (digits < end && Character.isDigit(cps[digits])) {
            digits++;
        }
        boolean attached = digits < end && Character.isLetter(cps[digits]);
        return attached || digits == end ? digits : start;
    }

    private static boolean isSymbol(int cp) {
        return !Character.isLetterOrDigit(cp);
    }

    private static int undoSubstitution(int cp) {
        return switch (cp) {
            case '0' -> 'o';
            case '1' -> 'l';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '@' -> 'a';
            default -> cp;
        };
    }
}
