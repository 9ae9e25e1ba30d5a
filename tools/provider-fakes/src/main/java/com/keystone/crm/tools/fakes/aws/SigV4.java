package com.keystone.crm.tools.fakes.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a request carries a well-formed AWS Signature Version 4 Authorization header (algorithm, credential
 * scope for the expected service, signed headers including host and x-amz-date, a 64-hex signature) and an
 * X-Amz-Date. The signature itself is not recomputed: the fake does not know the caller's secret.
 */
final class SigV4 {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
    private static final Pattern AMZ_DATE = Pattern.compile("\\d{8}T\\d{6}Z");

    /** The parsed credential scope of a valid header. */
    record Scope(String accessKeyId, String date, String region, String service) {
    }

    private SigV4() {
    }

    /** The scope, or an explanation of what is wrong (as the {@code problem}). */
    static Result check(String authorization, String amzDate, String expectedService) {
        if (authorization == null) {
            return Result.problem("MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            return Result.problem("IncompleteSignature",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' (AWS4-HMAC-SHA256)");
        }
        if (amzDate == null || !AMZ_DATE.matcher(amzDate).matches()) {
            return Result.problem("IncompleteSignature", "X-Amz-Date header missing or not yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(m.group(2))) {
            return Result.problem("SignatureDoesNotMatch", "Credential scope date does not match X-Amz-Date");
        }
        if (!m.group(4).equals(expectedService)) {
            return Result.problem("SignatureDoesNotMatch",
                    "Credential should be scoped to correct service: '" + expectedService + "'");
        }
        java.util.List<String> signed = java.util.List.of(m.group(5).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            return Result.problem("SignatureDoesNotMatch", "SignedHeaders must include host and x-amz-date");
        }
        return new Result(new Scope(m.group(1), m.group(2), m.group(3), m.group(4)), null, null);
    }

    record Result(Scope scope, String code, String message) {
        static Result problem(String code, String message) {
            return new Result(null, code, message);
        }

        boolean ok() {
            return scope != null;
        }
    }
}
