package com.keystone.crm.tools.fakes.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies an SNS HTTP message the way a subscriber must (written from the SNS documentation, independently of the
 * fake's signer): the SigningCertURL must start with a trusted prefix (in production https://sns.REGION.amazonaws.com/),
 * the certificate must be valid, and the signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) must match the
 * canonical "name\nvalue\n" string of the message's fields.
 */
final class SnsMessageVerifier {

    private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
            "Token", "TopicArn", "Type");

    private final String trustedCertUrlPrefix;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

    SnsMessageVerifier(String trustedCertUrlPrefix) {
        this.trustedCertUrlPrefix = trustedCertUrlPrefix;
    }

    boolean verify(String body) {
        try {
            JsonNode message = json.readTree(body);
            String certUrl = message.path("SigningCertURL").asText();
            if (!certUrl.startsWith(trustedCertUrlPrefix) || !certUrl.endsWith(".pem")) {
                return false;
            }
            X509Certificate certificate = certificates.computeIfAbsent(certUrl, this::download);
            certificate.checkValidity();
            String version = message.path("SignatureVersion").asText();
            Signature signature = Signature.getInstance(switch (version) {
                case "1" -> "SHA1withRSA";
                case "2" -> "SHA256withRSA";
                default -> throw new IllegalArgumentException("SignatureVersion " + version);
            });
            signature.initVerify(certificate.getPublicKey());
            List<String> fields = "Notification".equals(message.path("Type").asText()) ? NOTIFICATION : SUBSCRIPTION;
            StringBuilder canonical = new StringBuilder();
            for (String field : fields) {
                if (message.hasNonNull(field)) {
                    canonical.append(field).append('\n').append(message.get(field).asText()).append('\n');
                }
            }
            signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
        } catch (Exception e) {
            return false;
        }
    }

    private X509Certificate download(String url) {
        try {
            byte[] pem = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
        } catch (Exception e) {
            throw new IllegalStateException("cannot fetch " + url, e);
        }
    }
}
