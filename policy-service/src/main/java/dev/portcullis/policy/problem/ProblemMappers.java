package dev.portcullis.policy.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem. Nothing here echoes an exception message that could
 * hold input, a class name or a stack trace; unexpected errors are logged with a reference that the
 * response repeats.
 */
public class ProblemMappers {

    static final String BEARER_CHALLENGE = "Bearer realm=\"portcullis\"";
    /** Keycloak cannot be reached to sign someone in or check their token: nothing is wrong here. */
    public static final String SIGN_IN_UNAVAILABLE =
            "The sign-in provider (Keycloak) cannot be reached just now. Try again in a moment.";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e, UriInfo uri) {
        Response response = e.toProblem().withInstance(path(uri)).toResponse();
        if (e instanceof RateLimited limited) {
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, limited.retryAfterSeconds()).build();
        }
        return response;
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of(Response.Status.UNAUTHORIZED, refusal(e).orElse(
                "Missing or invalid credentials: send 'Authorization: Bearer <api key or admin token>'."));
        return Response.fromResponse(problem.withInstance(path(uri)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE).build();
    }

    /** Why a valid token of the realm was still refused; its words were written to be shown. */
    static java.util.Optional<String> refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TokenRefused refused) {
                return java.util.Optional.of(refused.getMessage());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Keycloak cannot be reached to check a person's token once an endpoint asks who is calling (the
     * failures before any endpoint runs are answered by the console's failure handler): try again, nothing is wrong here.
     */
    @ServerExceptionMapper
    public Response signInUnavailable(OIDCException e, UriInfo uri) {
        LOG.warnf("Sign-in provider unavailable on %s: %s", path(uri), e.getMessage());
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, SIGN_IN_UNAVAILABLE)
                .withInstance(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN,
                "These credentials are valid but lack the scope or role this endpoint requires.")
                .withInstance(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = "Invalid request: " + errors.stream()
                .map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")) + ".";
        return Problem.of(Response.Status.BAD_REQUEST, detail).withErrors(errors).withInstance(path(uri)).toResponse();
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e).withInstance(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return jsonProblem(json).withInstance(path(uri)).toResponse();
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String detail = switch (status) {
            case 404 -> e instanceof NotFoundException && uri != null
                    ? "Nothing is served at " + uri.getPath() + "." : "The resource does not exist.";
            case 405 -> "This method is not allowed on " + path(uri) + allowed(e) + ".";
            case 406 -> "This endpoint answers application/json only.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> "The request could not be processed.";
        };
        return Problem.of(status, detail).withInstance(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s (reference %s)", path(uri), reference);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote reference " + reference + " to the operator.")
                .withInstance(path(uri)).toResponse();
    }

    static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            return Problem.of(Response.Status.BAD_REQUEST, "Malformed JSON" + at(parse.getLocation()) + ".");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            String expected = e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                    ? " (expected " + describe(mismatched.getTargetType()) + ")" : "";
            String what = e instanceof InvalidFormatException ? "has an invalid value" : "has the wrong type";
            return Problem.of(Response.Status.BAD_REQUEST, "Field '" + field + "' " + what + expected + ".")
                    .withErrors(List.of(new Problem.FieldError(field, what + expected)));
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return Problem.of(Response.Status.BAD_REQUEST,
                    "The body has the wrong shape: expected " + describe(mismatched.getTargetType()) + ".");
        }
        return Problem.of(Response.Status.BAD_REQUEST, "The body is not valid JSON for this endpoint.");
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .map(String::toLowerCase).collect(Collectors.joining(", "));
        }
        return "an object";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String allowed(WebApplicationException e) {
        if (e instanceof NotAllowedException && !e.getResponse().getAllowedMethods().isEmpty()) {
            return "; allowed: " + String.join(", ", e.getResponse().getAllowedMethods());
        }
        return "";
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "create.body.name" -> "name", "create.body" -> "body": drop the method and parameter names.
        String[] parts = path.split("\\.");
        if (parts.length > 2) {
            return String.join(".", List.of(parts).subList(2, parts.length));
        }
        return parts[parts.length - 1];
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
