package com.keystone.crm.gateway.security;

import com.keystone.crm.gateway.config.TokenConfig;
import com.keystone.crm.gateway.domain.SigningKey;
import com.keystone.crm.gateway.repository.SigningKeyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gateway's RS256 keys, kept in its database and cached here. The newest unretired key signs; a retired key
 * stays published in the JWKS and keeps verifying until its {@code verifyUntil} (the longest an access token it
 * signed can live, plus a grace), so a rotation never breaks a token in flight.
 */
@ApplicationScoped
public class KeyRing {
    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    private final SigningKeyRepository keys;
    private final TokenConfig config;
    private volatile Map<String, Entry> entries = Map.of();

    public KeyRing(SigningKeyRepository keys, TokenConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A key the ring holds: private part only for signing, verifiable until {@code verifyUntil} (null: no end yet). */
    public record Entry(String kid, PrivateKey privateKey, RSAPublicKey publicKey, Instant createdAt, Instant retiredAt,
                        Instant verifyUntil) {
        boolean verifiesAt(Instant now) {
            return verifyUntil == null || now.isBefore(verifyUntil);
        }
    }

    /** Loads the keys and makes one when none signs or the signing key is due for rotation. */
    @WithTransaction
    public Uni<Void> ensureCurrent(Instant now) {
        return keys.listAll().chain(all -> {
            Optional<SigningKey> signer = all.stream().filter(k -> k.retiredAt == null)
                    .max(Comparator.comparing(k -> k.createdAt));
            if (signer.isPresent() && signer.get().createdAt.plus(config.rotateEvery()).isAfter(now)) {
                load(all);
                return Uni.createFrom().voidItem();
            }
            return rotateWith(all, now);
        });
    }

    /** Retires the signing key (it keeps verifying for access-ttl + grace) and makes a new one that signs from now. */
    @WithTransaction
    public Uni<String> rotate(Instant now) {
        return keys.listAll().chain(all -> rotateWith(all, now)).map(v -> signing().kid());
    }

    /** Reloads what other instances may have rotated. */
    @WithSession
    public Uni<Void> reload() {
        return keys.listAll().invoke(this::load).replaceWithVoid();
    }

    /** Drops keys whose verification window closed (they left the JWKS already). */
    @WithTransaction
    public Uni<Void> purge(Instant now) {
        return keys.delete("verifyUntil is not null and verifyUntil < ?1", now).chain(n -> reload());
    }

    private Uni<Void> rotateWith(List<SigningKey> all, Instant now) {
        Instant verifyUntil = now.plus(config.accessTtl()).plus(config.rotationGrace());
        for (SigningKey k : all) {
            if (k.retiredAt == null) {
                k.retiredAt = now;
                k.verifyUntil = verifyUntil;
            }
        }
        SigningKey fresh = generate(now);
        List<SigningKey> after = new ArrayList<>(all);
        after.add(fresh);
        return keys.persist(fresh).invoke(() -> {
            load(after);
            LOG.infof("signing key %s now signs access tokens", fresh.kid);
        }).replaceWithVoid();
    }

    public Entry signing() {
        return entries.values().stream().filter(e -> e.retiredAt() == null)
                .max(Comparator.comparing(Entry::createdAt))
                .orElseThrow(() -> new IllegalStateException("no signing key loaded"));
    }

    /** The public key for a kid, if that key still verifies now. */
    public Optional<RSAPublicKey> verificationKey(String kid, Instant now) {
        Entry e = kid == null ? null : entries.get(kid);
        return e != null && e.verifiesAt(now) ? Optional.of(e.publicKey()) : Optional.empty();
    }

    /** RFC 7517 key set of every key that still verifies. */
    public String jwks(Instant now) {
        List<JsonWebKey> published = new ArrayList<>();
        entries.values().stream().filter(e -> e.verifiesAt(now)).sorted(Comparator.comparing(Entry::createdAt).reversed())
                .forEach(e -> {
                    RsaJsonWebKey jwk = new RsaJsonWebKey(e.publicKey());
                    jwk.setKeyId(e.kid());
                    jwk.setUse("sig");
                    jwk.setAlgorithm("RS256");
                    published.add(jwk);
                });
        return new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private void load(List<SigningKey> all) {
        entries = all.stream().map(KeyRing::decode).collect(Collectors.toUnmodifiableMap(Entry::kid, Function.identity()));
    }

    private static Entry decode(SigningKey k) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(k.privateKey)));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(k.publicKey)));
            return new Entry(k.kid, priv, pub, k.createdAt, k.retiredAt, k.verifyUntil);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + k.kid + " cannot be read", e);
        }
    }

    private static SigningKey generate(Instant now) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            SigningKey k = new SigningKey();
            k.kid = "k-" + UUID.randomUUID();
            k.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            k.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            k.createdAt = now;
            return k;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
