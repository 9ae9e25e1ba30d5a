package com.keystone.crm.tools.fakes.aws;

import com.keystone.crm.tools.fakes.http.Certificates;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signs SNS messages as SNS does: the "string to sign" is name\nvalue\n for a fixed list of fields in byte order
 * (Notification: Message, MessageId, Subject if present, Timestamp, TopicArn, Type; SubscriptionConfirmation and
 * UnsubscribeConfirmation: Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type), signed with
 * SHA256withRSA (SignatureVersion 2) or SHA1withRSA (1), base64. The certificate is the fake's own, served at the
 * SigningCertURL.
 */
public final class SnsSigner {

    static final List<String> NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    static final List<String> SUBSCRIPTION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final KeyPair keys = Certificates.rsaKeyPair();
    private final X509Certificate certificate = Certificates.selfSigned(keys, "sns.amazonaws.com");

    public X509Certificate certificate() {
        return certificate;
    }

    /** The canonical string SNS signs for a message of this Type. */
    public static String stringToSign(Map<String, String> message) {
        List<String> fields = "Notification".equals(message.get("Type")) ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
        StringBuilder sb = new StringBuilder();
        for (String field : fields) {
            String value = message.get(field);
            if (value != null) {
                sb.append(field).append('\n').append(value).append('\n');
            }
        }
        return sb.toString();
    }

    String sign(Map<String, String> message, String signatureVersion) {
        try {
            Signature signature = Signature.getInstance("1".equals(signatureVersion) ? "SHA1withRSA" : "SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(stringToSign(message).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an SNS message", e);
        }
    }
}
