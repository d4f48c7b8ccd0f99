package dev.portcullis.policy.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Pure: whether a person's token from the realm may act on Portcullis. It must have been issued to
 * the console's client ({@code azp}), or name the configured audience, so that a token minted for
 * any other application of the realm (a wiki, the account console) is worth nothing here; and its
 * {@code acr} must say that a second factor was proven, so that a phished password alone is worth
 * nothing either. The answer is the reason for a refusal, in words a caller can act on.
 */
public final class PersonTokens {

    private PersonTokens() {
    }

    /**
     * @param acceptedAcr acr values that prove a second factor, e.g. {@code mfa} and {@code phr}
     */
    public static Optional<String> refusal(String azp, Collection<String> audience, String acr, String clientId,
            Optional<String> acceptedAudience, List<String> acceptedAcr) {
        boolean forConsole = clientId.equals(azp)
                || acceptedAudience.map(a -> audience != null && audience.contains(a)).orElse(false);
        if (!forConsole) {
            return Optional.of("This token was issued to another application (" + shown(azp) + "): Portcullis takes"
                    + " only tokens issued to " + clientId + acceptedAudience.map(a -> " or for the audience " + a)
                    .orElse("") + ".");
        }
        if (acr == null || !acceptedAcr.contains(acr)) {
            return Optional.of("This token does not show two-step verification (acr " + shown(acr) + ", needed: "
                    + String.join(" or ", acceptedAcr) + "): sign in again with your second factor.");
        }
        return Optional.empty();
    }

    /** A claim as echoed back: short, printable, so that no hostile value travels far. */
    static String shown(String value) {
        if (value == null || value.isEmpty()) {
            return "none";
        }
        String printable = value.codePoints().limit(64).filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + printable + "'";
    }
}
