package com.keystone.crm.platform.chassis.http;

import com.keystone.crm.platform.chassis.json.SafeText;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemMappers;
import com.keystone.crm.platform.chassis.problem.ProblemResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The control-character rule of {@link SafeText} for what is not a body: path parameters, query parameters and
 * header values, decoded. A {@code %00} in {@code ?tag=} used to reach PostgreSQL (a 500, and with it the
 * gateway's breaker); now it is a 400 naming the parameter, before any resource method runs.
 */
public class RequestTextFilter {

    @ServerRequestFilter
    public Response refuseControlCharacters(ContainerRequestContext request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        try {
            check(request.getUriInfo().getPathParameters(true), "", errors);
            check(request.getUriInfo().getQueryParameters(true), "", errors);
        } catch (IllegalArgumentException e) {
            return ProblemResponses.of(Problem.of("bad-request", "Bad Request", 400, "The URI is not correctly percent-encoded")
                    .withInstance(request.getUriInfo().getPath()));
        }
        check(request.getHeaders(), "header ", errors);
        if (errors.isEmpty()) {
            return null;
        }
        return ProblemResponses.of(ProblemMappers.validationProblem(errors).withInstance(safePath(request)));
    }

    private static void check(MultivaluedMap<String, String> values, String prefix, List<Problem.FieldError> errors) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String nameProblem = SafeText.problemInParameter(e.getKey());
            if (nameProblem != null) {
                errors.add(new Problem.FieldError(prefix + printable(e.getKey()), "the name " + nameProblem));
                continue;
            }
            for (String value : e.getValue()) {
                String problem = SafeText.problemInParameter(value);
                if (problem != null) {
                    errors.add(new Problem.FieldError(prefix + e.getKey(), prefix + e.getKey() + " " + problem));
                    break;
                }
            }
        }
    }

    /** The path with control characters shown as escapes, so the problem body does not carry them back. */
    private static String safePath(ContainerRequestContext request) {
        return printable(request.getUriInfo().getPath());
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
