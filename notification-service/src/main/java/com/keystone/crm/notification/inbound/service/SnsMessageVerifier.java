package com.keystone.crm.notification.inbound.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an SNS HTTP(S) message as the SNS documentation tells a subscriber to: the {@code SigningCertURL} must be an
 * https (or configured) URL under a trusted prefix and end in {@code .pem}; the certificate is fetched (cached per
 * URL) and must be valid now; the signature ({@code SignatureVersion} 1: SHA1withRSA, 2: SHA256withRSA) must match
 * the canonical string of the message's fields ("name\nvalue\n" in the documented order, Subject only when present).
 * The AWS SDK's sns-message-manager does the same but pins the certificate host to amazonaws.com, so it cannot be
 * pointed at a local fake; this is the same check with a configurable prefix.
 *
 * <p>Blocking (the first message of a certificate fetches it): call it off the event loop.
 */
@ApplicationScoped
public class SnsMessageVerifier {
    static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    static final List<String> SUBSCRIPTION_FIELDS = List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
            "TopicArn", "Type");
    static final int MAX_CERTIFICATES = 64;

    private final List<String> trustedPrefixes;
    private final List<String> topics;
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

    public SnsMessageVerifier(NotifyConfig config) {
        this.trustedPrefixes = config.sns().trustedCertUrlPrefixes();
        this.topics = config.sns().topicArns().orElse(List.of());
    }

    /**
     * The message, when it is a well-formed SNS message of an accepted topic whose signature holds; else the reason it
     * is refused.
     */
    public Verified verify(String body) {
        ObjectNode message;
        try {
            JsonNode tree = json.readTree(body);
            if (!(tree instanceof ObjectNode object)) {
                return Verified.refused("the body is not an SNS message");
            }
            message = object;
        } catch (IOException e) {
            return Verified.refused("the body is not JSON");
        }
        String type = text(message, "Type");
        List<String> fields = switch (type == null ? "" : type) {
            case "Notification" -> NOTIFICATION_FIELDS;
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> SUBSCRIPTION_FIELDS;
            default -> null;
        };
        if (fields == null) {
            return Verified.refused("unknown message Type");
        }
        for (String field : fields) {
            JsonNode value = message.get(field);
            if (value != null && !value.isTextual()) {
                return Verified.refused(field + " is not a string");
            }
        }
        String topic = text(message, "TopicArn");
        if (topic == null || !topics.contains(topic)) {
            return Verified.refused("the topic is not one this service subscribed to");
        }
        String certUrl = text(message, "SigningCertURL");
        if (certUrl == null || !trusted(certUrl) || !certUrl.endsWith(".pem") || URI.create(certUrl).getRawQuery() != null) {
            return Verified.refused("the SigningCertURL is not a trusted SNS certificate URL");
        }
        String algorithm = switch (String.valueOf(text(message, "SignatureVersion"))) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return Verified.refused("unknown SignatureVersion");
        }
        try {
            X509Certificate certificate = certificate(certUrl);
            certificate.checkValidity();
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(certificate.getPublicKey());
            signature.update(canonical(message, fields).getBytes(StandardCharsets.UTF_8));
            String signed = text(message, "Signature");
            if (signed == null || !signature.verify(Base64.getDecoder().decode(signed))) {
                return Verified.refused("the signature does not match the message");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Verified.refused("the signature cannot be verified: " + e.getMessage());
        } catch (CertificateUnavailable e) {
            return Verified.unavailable(e.getMessage());
        }
        return new Verified(message, null, false);
    }

    /** Whether the URL is under a trusted SNS prefix (each prefix ends with '/', so the host cannot be extended). */
    boolean trusted(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getUserInfo() != null || uri.getRawFragment() != null) {
            return false;
        }
        return trustedPrefixes.stream().anyMatch(prefix -> prefix.endsWith("/") && url.startsWith(prefix));
    }

    static String canonical(JsonNode message, List<String> fields) {
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            JsonNode value = message.get(field);
            if (value != null && !value.isNull()) {
                canonical.append(field).append('\n').append(value.asText()).append('\n');
            }
        }
        return canonical.toString();
    }

    private X509Certificate certificate(String url) throws CertificateUnavailable {
        X509Certificate cached = certificates.get(url);
        if (cached != null) {
            return cached;
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new CertificateUnavailable("the signing certificate answered " + response.statusCode());
            }
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
            if (certificates.size() < MAX_CERTIFICATES) {
                certificates.put(url, certificate);
            }
            return certificate;
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateUnavailable("the signing certificate cannot be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateUnavailable("interrupted");
        }
    }

    /** GETs a verified SubscribeURL (confirming the subscription, as SNS asks); true on 200. */
    public boolean confirm(String subscribeUrl) {
        if (!trusted(subscribeUrl) || !String.valueOf(URI.create(subscribeUrl).getRawQuery()).contains("Action=ConfirmSubscription")) {
            return false;
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(subscribeUrl)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /**
     * A verified message, or why not: refused (forged, foreign, malformed: 403) or unavailable (the certificate could
     * not be fetched: 503, SNS retries).
     */
    public record Verified(ObjectNode message, String problem, boolean unavailable) {
        static Verified refused(String problem) {
            return new Verified(null, problem, false);
        }

        static Verified unavailable(String problem) {
            return new Verified(null, problem, true);
        }

        public boolean ok() {
            return message != null;
        }

        public String type() {
            return text(message, "Type");
        }

        public Optional<String> field(String name) {
            return Optional.ofNullable(text(message, name));
        }
    }

    private static final class CertificateUnavailable extends Exception {
        CertificateUnavailable(String message) {
            super(message);
        }
    }
}
