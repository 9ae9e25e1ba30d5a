package com.keystone.crm.tools.fakes.fcm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.Http;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP side of the FCM fake: Google's OAuth2 token endpoint and FCM HTTP v1 messages:send. */
final class FcmApi implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(FcmApi.class.getName());
    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    /** FCM registration tokens are long URL-safe strings (with a ':' after the instance id). */
    private static final Pattern REGISTRATION_TOKEN = Pattern.compile("[A-Za-z0-9_:\\-]{20,4096}");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9\\-_.~%]{1,900}");
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final long CLOCK_SKEW_SECONDS = 300;
    /** google-auth-library puts Google's token URL in aud whatever the token_uri; Google accepts these. */
    private static final java.util.Set<String> GOOGLE_TOKEN_AUDIENCES = java.util.Set.of(
            "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token",
            "https://accounts.google.com/o/oauth2/token");

    private final FcmFake fake;
    private final ObjectMapper json = new ObjectMapper();

    FcmApi(FcmFake fake) {
        this.fake = fake;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try {
            if (path.equals("/token") && ex.getRequestMethod().equals("POST")) {
                token(ex);
                return;
            }
            Matcher send = SEND.matcher(path);
            if (send.matches() && ex.getRequestMethod().equals("POST")) {
                send(ex, send.group(1));
                return;
            }
            googleError(ex, 404, "NOT_FOUND", "The requested URL " + path + " was not found.", null);
        } catch (Exception e) {
            LOG.log(Level.FINE, "fcm fake: request failed " + path, e);
            if (ex.getResponseCode() == -1) {
                googleError(ex, 500, "INTERNAL", "Internal error encountered.", "INTERNAL");
            }
        } finally {
            ex.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- OAuth2

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = Http.first(Http.parseForm(Http.bodyText(ex)));
        if (!JWT_BEARER.equals(form.get("grant_type"))) {
            oauthError(ex, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
            return;
        }
        String problem = checkAssertion(form.get("assertion"));
        if (problem != null) {
            oauthError(ex, "invalid_grant", problem);
            return;
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("access_token", fake.issueAccessToken());
        answer.put("expires_in", fake.tokenLifetime().toSeconds() - 1);
        answer.put("token_type", "Bearer");
        Http.sendJson(ex, 200, answer.toString());
    }

    /** Null when the JWT is a valid grant from the fake's service account, else Google's description. */
    private String checkAssertion(String assertion) {
        if (assertion == null) {
            return "Missing required parameter: assertion";
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "Invalid JWT: not three segments";
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | IOException e) {
            return "Invalid JWT: segments are not base64url JSON";
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return "Invalid JWT: alg must be RS256";
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(fake.serviceAccountPublicKey());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "Invalid JWT Signature.";
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "Invalid JWT Signature.";
        }
        if (!fake.clientEmail().equals(claims.path("iss").asText())) {
            return "Invalid JWT: iss is not the service account " + fake.clientEmail();
        }
        String aud = claims.path("aud").asText();
        if (!fake.tokenUri().equals(aud) && !GOOGLE_TOKEN_AUDIENCES.contains(aud)) {
            return "Invalid JWT: aud must be " + fake.tokenUri() + " or Google's token endpoint";
        }
        long now = fake.clock().instant().getEpochSecond();
        long exp = claims.path("exp").asLong(0);
        long iat = claims.path("iat").asLong(0);
        if (exp <= now - CLOCK_SKEW_SECONDS || iat > now + CLOCK_SKEW_SECONDS || exp - iat > 3600) {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. "
                    + "Check your iat and exp values in the JWT claim.";
        }
        List<String> scopes = List.of(claims.path("scope").asText("").split(" "));
        if (scopes.stream().noneMatch(FcmFake.SCOPES::contains)) {
            return "Invalid OAuth scope or ID token audience provided.";
        }
        return null;
    }

    private void oauthError(HttpExchange ex, String error, String description) throws IOException {
        ObjectNode node = json.createObjectNode();
        node.put("error", error);
        node.put("error_description", description);
        Http.sendJson(ex, 400, node.toString());
    }

    // ---------------------------------------------------------------------------------------------- send

    private void send(HttpExchange ex, String project) throws IOException {
        byte[] body = Http.readBody(ex);
        FailureMode fault = fake.faults().take();
        if (fault == FailureMode.HANG) {
            fake.faults().hang();
            return;
        }
        if (fault != null && fault != FailureMode.ACCEPT_THEN_HANG) {
            switch (fault) {
                case RATE_LIMITED -> {
                    ex.getResponseHeaders().set("Retry-After", String.valueOf(fake.faults().retryAfterSeconds()));
                    googleError(ex, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for the project.", "QUOTA_EXCEEDED");
                }
                case SERVICE_UNAVAILABLE -> googleError(ex, 503, "UNAVAILABLE", "The service is currently unavailable.",
                        "UNAVAILABLE");
                default -> googleError(ex, 500, "INTERNAL", "Internal error encountered.", "INTERNAL");
            }
            return;
        }
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !fake.validAccessToken(authorization.substring(7).trim())) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", "
                    + "error=\"invalid_token\"");
            googleError(ex, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential.", null);
            return;
        }
        if (!project.equals(fake.projectId())) {
            googleError(ex, 403, "PERMISSION_DENIED", "Permission 'cloudmessaging.messages.create' denied on resource "
                    + "'//cloudresourcemanager.googleapis.com/projects/" + project + "' (or it may not exist).",
                    "SENDER_ID_MISMATCH");
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            invalidArgument(ex, "Invalid JSON payload received.", null);
            return;
        }
        JsonNode message = request == null ? null : request.get("message");
        if (message == null || !message.isObject()) {
            invalidArgument(ex, "Invalid JSON payload received. Unknown name or missing \"message\".", "message");
            return;
        }
        String token = text(message, "token");
        String topic = text(message, "topic");
        String condition = text(message, "condition");
        int targets = (token != null ? 1 : 0) + (topic != null ? 1 : 0) + (condition != null ? 1 : 0);
        if (targets != 1) {
            invalidArgument(ex, "Exactly one of message.token, message.topic or message.condition must be set.",
                    "message");
            return;
        }
        if (token != null && !REGISTRATION_TOKEN.matcher(token).matches()) {
            invalidArgument(ex, "The registration token is not a valid FCM registration token", "message.token");
            return;
        }
        if (topic != null && !TOPIC.matcher(topic.startsWith("/topics/") ? topic.substring(8) : topic).matches()) {
            invalidArgument(ex, "Invalid topic name", "message.topic");
            return;
        }
        JsonNode data = message.path("data");
        Map<String, String> dataMap = new LinkedHashMap<>();
        if (!data.isMissingNode()) {
            if (!data.isObject()) {
                invalidArgument(ex, "message.data must be a map of strings", "message.data");
                return;
            }
            var fields = data.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!field.getValue().isTextual()) {
                    invalidArgument(ex, "Invalid value at 'message.data[" + field.getKey() + "].value' (TYPE_STRING)",
                            "message.data[" + field.getKey() + "].value");
                    return;
                }
                dataMap.put(field.getKey(), field.getValue().asText());
            }
        }
        if (token != null && fake.isUnregistered(token)) {
            googleError(ex, 404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED");
            return;
        }
        boolean validateOnly = request.path("validate_only").asBoolean(false);
        String name = "projects/" + project + "/messages/"
                + (validateOnly ? "fake_message_id" : "0:" + System.nanoTime() + "%" + UUID.randomUUID().toString()
                .substring(0, 16));
        fake.record(new FcmMessage(name, token, topic, condition, text(message.path("notification"), "title"),
                text(message.path("notification"), "body"), Map.copyOf(dataMap), validateOnly, request.toString(),
                fake.clock().instant()));
        if (fault == FailureMode.ACCEPT_THEN_HANG) {
            fake.faults().hang();
            return;
        }
        Http.sendJson(ex, 200, json.createObjectNode().put("name", name).toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private void invalidArgument(HttpExchange ex, String message, String field) throws IOException {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", 400);
        error.put("message", message);
        error.put("status", "INVALID_ARGUMENT");
        var details = error.putArray("details");
        details.addObject().put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                .put("errorCode", "INVALID_ARGUMENT");
        if (field != null) {
            ObjectNode badRequest = details.addObject();
            badRequest.put("@type", "type.googleapis.com/google.rpc.BadRequest");
            badRequest.putArray("fieldViolations").addObject().put("field", field).put("description", message);
        }
        Http.sendJson(ex, 400, root.toString());
    }

    /** Google's error shape; {@code fcmErrorCode} becomes the FcmError detail. */
    private void googleError(HttpExchange ex, int code, String status, String message, String fcmErrorCode)
            throws IOException {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        if (fcmErrorCode != null) {
            error.putArray("details").addObject().put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                    .put("errorCode", fcmErrorCode);
        }
        Http.sendJson(ex, code, root.toString());
    }
}
