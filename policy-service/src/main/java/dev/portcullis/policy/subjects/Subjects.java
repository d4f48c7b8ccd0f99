package dev.portcullis.policy.subjects;

import java.text.Normalizer;
import java.util.Locale;

/** A subject is a person's login name, NFKC-normalised and lower-cased: {@code Alice} is {@code alice}. */
public final class Subjects {

    public static final int MAX_LENGTH = 255;

    private Subjects() {
    }

    public static String normalise(String loginName) {
        return Normalizer.normalize(loginName.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
