package dev.portcullis.policy.mfa;

import com.warrenstrange.googleauth.GoogleAuthenticator;
import com.warrenstrange.googleauth.GoogleAuthenticatorConfig;
import com.warrenstrange.googleauth.HmacHashFunction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 TOTP (HMAC-SHA1, 30 s steps) through GoogleAuth, with the step arithmetic made explicit
 * so that callers can refuse a step that was already used. Pure apart from secret generation.
 */
public final class TotpCodes {

    public static final long STEP_MILLIS = 30_000;
    public static final int SECRET_BITS = 160;
    /** One step either side of now. */
    static final int DRIFT_STEPS = 1;

    private final GoogleAuthenticator authenticator;
    private final int digits;

    public TotpCodes(int digits) {
        this.digits = digits;
        this.authenticator = new GoogleAuthenticator(new GoogleAuthenticatorConfig.GoogleAuthenticatorConfigBuilder()
                .setCodeDigits(digits)
                .setTimeStepSizeInMillis(STEP_MILLIS)
                .setWindowSize(2 * DRIFT_STEPS + 1)
                .setSecretBits(SECRET_BITS)
                .setNumberOfScratchCodes(0)
                .setHmacHashFunction(HmacHashFunction.HmacSHA1)
                .build());
    }

    public static TotpCodes sixDigits() {
        return new TotpCodes(6);
    }

    /** A fresh 160-bit secret, base32 as authenticator apps expect it. */
    public String newSecret() {
        return authenticator.createCredentials().getKey();
    }

    public static long stepAt(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), STEP_MILLIS);
    }

    public String codeAt(String base32Secret, long step) {
        int code = authenticator.getTotpPassword(base32Secret, step * STEP_MILLIS);
        return String.format("%0" + digits + "d", code);
    }

    /** The step within one of now whose code is {@code code}, compared in constant time. */
    public OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        long current = stepAt(now);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long found = Long.MIN_VALUE;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            boolean equal = MessageDigest.isEqual(codeAt(base32Secret, step).getBytes(StandardCharsets.US_ASCII), given);
            if (equal && found == Long.MIN_VALUE) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    public boolean wellFormed(String code) {
        return code != null && code.length() == digits && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
