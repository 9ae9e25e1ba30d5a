package com.keystone.crm.platform.chassis.problem;

/**
 * An expected failure that becomes a problem+json answer. Services throw the named factories below rather than
 * building HTTP responses.
 */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of("not-found", "Not Found", 404, what + " was not found"));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Conflict", 409, detail));
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(Problem.of("precondition-failed", "Precondition Failed", 412, detail));
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Unprocessable Content", 422, detail));
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Forbidden", 403, detail));
    }

    public static ProblemException unauthorized(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Unauthorized", 401, detail));
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Bad Request", 400, detail));
    }
}
