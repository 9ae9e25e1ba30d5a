package com.keystone.crm.notification.consent.service;

import com.keystone.crm.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed unsubscribe tokens: tenant, channel and address, HMAC-SHA256 with {@code crm.notify.link-secret}, so a
 * link unsubscribes exactly the address it was sent to and cannot be forged or edited.
 */
@ApplicationScoped
public class UnsubscribeLinks {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final char SEPARATOR = '\u001f';

    private final byte[] secret;

    public UnsubscribeLinks(NotifyConfig config) {
        if (config.linkSecret().length() < 16) {
            throw new IllegalStateException("crm.notify.link-secret must have at least 16 characters");
        }
        this.secret = config.linkSecret().getBytes(StandardCharsets.UTF_8);
    }

    public String token(String tenantId, String channel, String address) {
        byte[] payload = String.join(String.valueOf(SEPARATOR), tenantId, channel, address).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The subject of a token whose signature holds; empty for anything else. */
    public Optional<Subject> verify(String token) {
        if (token == null || token.length() > 2000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
            return parts.length == 3 ? Optional.of(new Subject(parts[0], parts[1], parts[2])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who a link unsubscribes. */
    public record Subject(String tenantId, String channel, String address) {
    }
}
