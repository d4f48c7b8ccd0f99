package dev.portcullis.policy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The verdict on a stretch of the chain: how many events were checked, and the first broken one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResult(boolean valid, long checked, Long firstBrokenId, String reason) {

    static VerifyResult ok(long checked) {
        return new VerifyResult(true, checked, null, null);
    }

    static VerifyResult broken(long checked, long id, String reason) {
        return new VerifyResult(false, checked, id, reason);
    }
}
