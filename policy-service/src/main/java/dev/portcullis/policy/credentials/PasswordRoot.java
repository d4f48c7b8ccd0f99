package dev.portcullis.policy.credentials;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The roots of a password: what its small variations share, so that a password changed as little as
 * possible ({@code Kumquat-Harbor-2024!} then {@code Kumquat-Harbor-2025!}) is recognised. Version 2,
 * in order:
 * <ol>
 * <li>NFKC (full-width forms become plain ones) and lower case;</li>
 * <li>the ends go: every run of digits, symbols, separators and spaces before the first letter and
 * after the last, so a year, a counter or a {@code !} added, changed, removed or moved from the front
 * to the back changes nothing;</li>
 * <li>inside, the common substitutions are undone ({@code 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i}), and
 * what is left that is not a letter (separators, other digits) goes: {@code Word.Word}, {@code Word_Word}
 * and {@code WordWord} are one root;</li>
 * <li>{@code l} and {@code i} are one letter, since {@code 1} stands for either.</li>
 * </ol>
 * A second root undoes the substitutions before the ends go, where a digit or symbol touches a
 * letter, so that a substitution at the end of a word ({@code hell0}) is caught too. A password has
 * at most two roots, so a check costs at most three Argon2id evaluations. Letters of any script count
 * ({@code さくらもち}); a root too short to say anything ({@link #usable}) gets no fingerprint.
 */
public final class PasswordRoot {

    /** The version of this algorithm, stored with each fingerprint row it made. */
    public static final int VERSION = 2;
    /** Roots lighter than this get no variant fingerprint: a Latin letter weighs 1, an ideograph or kana 2. */
    public static final int MIN_WEIGHT = 4;
    /** Version 1's minimum, in code points. */
    static final int LEGACY_MIN_LENGTH = 4;

    private PasswordRoot() {
    }

    /** The usable roots of {@code password}: none, one, or two distinct ones, the stripped one first. */
    public static List<String> of(String password) {
        int[] cps = Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).codePoints()
                .toArray();
        List<String> roots = new ArrayList<>(2);
        add(roots, letters(cps, false));
        add(roots, letters(cps, true));
        return List.copyOf(roots);
    }

    private static void add(List<String> roots, String root) {
        if (usable(root) && !roots.contains(root)) {
            roots.add(root);
        }
    }

    /** True when a root weighs enough to earn a variant fingerprint. */
    public static boolean usable(String root) {
        return root.codePoints().map(PasswordRoot::weight).sum() >= MIN_WEIGHT;
    }

    /**
     * @param substituteFirst undo substitutions that touch a letter before the ends go (the second root)
     */
    private static String letters(int[] cps, boolean substituteFirst) {
        int[] mapped = cps.clone();
        if (substituteFirst) {
            for (int i = 0; i < mapped.length; i++) {
                boolean touchesLetter = i > 0 && Character.isLetter(cps[i - 1])
                        || i + 1 < cps.length && Character.isLetter(cps[i + 1]);
                if (touchesLetter) {
                    mapped[i] = undoSubstitution(cps[i]);
                }
            }
        }
        int start = 0;
        int end = mapped.length;
        while (start < end && !Character.isLetter(mapped[start])) {
            start++;
        }
        while (end > start && !Character.isLetter(mapped[end - 1])) {
            end--;
        }
        StringBuilder root = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            int cp = undoSubstitution(mapped[i]);
            if (Character.isLetter(cp)) {
                root.appendCodePoint(cp == 'l' ? 'i' : cp);
            }
        }
        return root.toString();
    }

    private static int weight(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL -> 2;
            default -> 1;
        };
    }

    private static int undoSubstitution(int cp) {
        return switch (cp) {
            case '0' -> 'o';
            case '1', '!' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> cp;
        };
    }

    /**
     * The root as version 1 computed it (lower case, the symbols at the ends and the digits attached
     * to a letter stripped, {@code 0→o 1→l 3→e 4→a 5→s 7→t @→a $→s}), or null when it was too short.
     * Fingerprints stored by version 1 are matched with it until the service reports that password again.
     */
    static String legacy(String password) {
        int[] cps = Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .codePoints().toArray();
        int end = legacyTrailing(cps, 0, cps.length);
        int start = legacyLeading(cps, 0, end);
        StringBuilder root = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            int cp = cps[i];
            root.appendCodePoint(switch (cp) {
                case '0' -> 'o';
                case '1' -> 'l';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> cp;
            });
        }
        String value = root.toString();
        return value.codePointCount(0, value.length()) >= LEGACY_MIN_LENGTH ? value : null;
    }

    private static int legacyTrailing(int[] cps, int start, int end) {
        while (end > start && !Character.isLetterOrDigit(cps[end - 1])) {
            end--;
        }
        int digits = end;
        while (digits > start && Character.isDigit(cps[digits - 1])) {
            digits--;
        }
        boolean attached = digits > start && Character.isLetter(cps[digits - 1]);
        return attached || digits == start ? digits : end;
    }

    private static int legacyLeading(int[] cps, int start, int end) {
        while (start < end && !Character.isLetterOrDigit(cps[start])) {
            start++;
        }
        int digits = start;
        while (digits < end && Character.isDigit(cps[digits])) {
            digits++;
        }
        boolean attached = digits < end && Character.isLetter(cps[digits]);
        return attached || digits == end ? digits : start;
    }
}
