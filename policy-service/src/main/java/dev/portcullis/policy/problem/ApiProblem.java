package dev.portcullis.policy.problem;

import java.util.List;

/** Thrown by services for an expected failure the caller can act on; rendered as a {@link Problem}. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;

    public ApiProblem(int status, String detail) {
        this(status, detail, List.of());
    }

    public ApiProblem(int status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, detail);
    }

    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(400, "Field '" + field + "' " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, detail);
    }

    public Problem toProblem() {
        return Problem.of(status, getMessage()).withErrors(errors);
    }
}
