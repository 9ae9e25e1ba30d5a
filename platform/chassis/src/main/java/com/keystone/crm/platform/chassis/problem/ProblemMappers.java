package com.keystone.crm.platform.chassis.problem;

import com.keystone.crm.platform.chassis.persistence.ConcurrencyFailures;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.keystone.crm.platform.chassis.json.RejectedValueException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every failure leaves a service as RFC 9457 problem+json: validation 400 with the invalid fields, 401/403,
 * 404, 409, 412, 413, 415, 422, and a 500 without internals for the unexpected.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The most invalid fields one answer lists. */
    public static final int MAX_LISTED_ERRORS = 50;
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(validationProblem(errors), uri);
    }

    /**
     * A validation problem listing at most {@value #MAX_LISTED_ERRORS} fields: a body with 10,000 bad items must not
     * get a megabyte of answer; the detail says how many there were.
     */
    public static Problem validationProblem(List<Problem.FieldError> errors) {
        if (errors.size() <= MAX_LISTED_ERRORS) {
            return Problem.of("validation", "Bad Request", 400, "The request has invalid fields").withErrors(errors);
        }
        return Problem.of("validation", "Bad Request", 400, "The request has " + errors.size()
                + " invalid fields; the first " + MAX_LISTED_ERRORS + " are listed").withErrors(List.copyOf(errors.subList(0, MAX_LISTED_ERRORS)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String field = duplicatePath(e, duplicate.group(1));
            return respond(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError(field, field + " appears more than once"))), uri);
        }
        return respond(Problem.of("malformed-json", "Bad Request", 400,
                "The body is not valid JSON: " + e.getOriginalMessage()), uri);
    }

    @ServerExceptionMapper
    public Response rejectedValue(RejectedValueException e, UriInfo uri) {
        return fieldProblem(e, e.reason(), uri);
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        return fieldProblem(e, expected(e, "has the wrong type or format"), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return fieldProblem(e, "is not a known field", uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return respond(Problem.of("malformed-json", "Bad Request", 400,
                    "The body has more after its JSON value; send exactly one JSON value"), uri);
        }
        if (String.valueOf(e.getOriginalMessage()).startsWith("No content to map")) {
            return respond(Problem.of("malformed-json", "Bad Request", 400, "The body is empty; a JSON value is required"), uri);
        }
        return fieldProblem(e, expected(e, "has the wrong type"), uri);
    }

    /**
     * What the field needed, from the type Jackson was binding to: the strict JSON rules (StrictJson) refuse a number
     * where a string is declared and the other way round, and the caller should read which JSON type it must send.
     */
    static String expected(MismatchedInputException e, String otherwise) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return otherwise;
        }
        if (CharSequence.class.isAssignableFrom(target) || target == Character.class || target == char.class) {
            return "must be a JSON string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            boolean whole = target == Integer.class || target == int.class || target == Long.class || target == long.class
                    || target == Short.class || target == short.class || target == Byte.class || target == byte.class
                    || target == java.math.BigInteger.class;
            return whole ? "must be a JSON number without a fraction" : "must be a JSON number";
        }
        if (target.isEnum()) {
            // (not listed here: an enum's JSON names may differ from its constants; the API document lists them)
            return "must be one of the documented values (a JSON string)";
        }
        return otherwise;
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e instanceof RejectedValueException rejected) {
            return rejectedValue(rejected, uri);
        }
        if (e instanceof MismatchedInputException mismatched) {
            return mismatchedInput(mismatched, uri);
        }
        if (e instanceof JsonMappingException m) {
            return fieldProblem(m, "could not be read", uri);
        }
        return respond(Problem.of("malformed-json", "Bad Request", 400, "The body is not valid JSON"), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(Problem.of("unauthenticated", "Unauthorized", 401, "A valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(Problem.of("unauthenticated", "Unauthorized", 401, "A valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "Your role does not allow this"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // the JSON reader reports an unreadable body as a bare 400 with the Jackson failure as its cause
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return malformedJson(parse, uri);
            }
            if (cause instanceof JsonProcessingException json) {
                return json(json, uri);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(Problem.of("internal", "Internal Server Error", status, "The request could not be completed"), uri);
        }
        return respond(Problem.of(slug(status), title(status), status, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException p) {
            return respond(p.problem(), uri);
        }
        if (isIntegrityViolation(e)) {
            return respond(Problem.of("conflict", "Conflict", 409,
                    "The request conflicts with a concurrent change; retry it"), uri);
        }
        if (ConcurrencyFailures.isConcurrencyFailure(e)) {
            // a deadlock or serialization failure the service's own retries did not get past: nothing was written
            return respond(Problem.of("conflict", "Conflict", 409,
                    "The request met a concurrent change and was given up; retry it"), uri);
        }
        if (isMalformedBody(e)) {
            return respond(Problem.of("malformed-body", "Bad Request", 400,
                    "The body could not be read (an empty, truncated or malformed multipart or form body)"), uri);
        }
        if (isDataException(e)) {
            // a safety net: the input rules should have named the field before the database saw the value
            LOG.warn("a value reached the database and was refused there", e);
            return respond(Problem.of("invalid-value", "Bad Request", 400,
                    "A value of the request is out of range or not valid"), uri);
        }
        LOG.error("unexpected failure", e);
        return respond(Problem.of("internal", "Internal Server Error", 500, "The request could not be completed"), uri);
    }

    /** A unique (23505) or foreign-key (23503) violation: a concurrent change won the race. */
    private static boolean isIntegrityViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (msg.contains("23505") || msg.contains("23503")) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && ("23505".equals(c.getSQLState()) || "23503".equals(c.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's data exceptions (SQLSTATE class 22: value out of range, bad datetime, NUL or an invalid byte in
     * text, string too long): the value came from the request, so it is the caller's error, not the service's.
     */
    static boolean isDataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
            if (t instanceof org.hibernate.exception.DataException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A body the HTTP layer could not decode: Netty's multipart/form decoder failing on an empty or truncated body, or
     * the connection ending mid-body. The caller's error, never a 500.
     */
    public static boolean isMalformedBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof io.netty.handler.codec.DecoderException || name.contains("ErrorDataDecoderException")
                    || name.contains("NotEnoughDataDecoderException") || name.contains("EndOfDataDecoderException")
                    || name.endsWith("MultipartException") || name.endsWith("MalformedMultipartException")) {
                return true;
            }
            // Quarkus REST's multipart parser: "Connection terminated reading multipart data" on an empty/truncated body
            if (t instanceof java.io.IOException && (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("multipart")
                    || (t.getStackTrace().length > 0 && t.getStackTrace()[0].getClassName().contains(".multipart.")))) {
                return true;
            }
        }
        return false;
    }

    /** The JSON path of a key given twice: the path of the object it is in (the parser's context), then the key. */
    private static String duplicatePath(JsonParseException e, String key) {
        StringBuilder sb = new StringBuilder();
        com.fasterxml.jackson.core.JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            if (!pointer.isEmpty()) {
                for (String part : pointer.substring(1).split("/")) {
                    String name = part.replace("~1", "/").replace("~0", "~");
                    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                        sb.append('[').append(name).append(']');
                    } else {
                        sb.append(sb.isEmpty() ? "" : ".").append(name);
                    }
                }
            }
        }
        String path = sb.toString();
        if (path.equals(key) || path.endsWith("." + key)) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Response fieldProblem(JsonMappingException e, String what, UriInfo uri) {
        String field = jsonPath(e.getPath());
        // a duplicate key inside a nested object arrives wrapped, with the path of the object it is in
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            field = field.isEmpty() ? duplicate.group(1) : field + "." + duplicate.group(1);
            return respond(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError(field, field + " appears more than once"))), uri);
        }
        Problem p = Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                .withErrors(List.of(new Problem.FieldError(field.isEmpty() ? "(body)" : field, (field.isEmpty() ? "the body" : field) + " " + what)));
        return respond(p, uri);
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The bean path without the method and parameter nodes: {@code create.request.email} becomes {@code email}. */
    static String fieldName(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.RETURN_VALUE
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            // the index (or key) says where in the enclosing list (or map) this node sits
            if (node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                sb.append('.').append(node.getKey());
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.isEmpty() ? "(body)" : sb.toString();
    }

    /** RFC 9110 reason phrases, also for the statuses JAX-RS's Response.Status lacks. */
    static String title(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                if (known != null) {
                    yield known.getReasonPhrase();
                }
                yield status >= 500 ? "Server Error" : "Client Error";
            }
        };
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            default -> "http-" + status;
        };
    }

    private static Response respond(Problem p, UriInfo uri) {
        return ProblemResponses.of(uri == null ? p : p.withInstance(uri.getPath()));
    }
}
