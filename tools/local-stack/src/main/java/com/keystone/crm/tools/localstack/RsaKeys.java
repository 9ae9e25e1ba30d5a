package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs local access tokens, in {@code .local-stack/keys/}: {@code private.pem} (PKCS#8) and
 * {@code public.pem} (X.509 SubjectPublicKeyInfo), made on the first run and reused afterwards, so tokens minted
 * earlier stay valid across restarts. Services read {@code public.pem} through {@code mp.jwt.verify.publickey.location}.
 */
public record RsaKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
    public static final String PRIVATE_FILE = "private.pem";
    public static final String PUBLIC_FILE = "public.pem";

    public static RsaKeys loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new RsaKeys(
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(priv), "PRIVATE KEY"))),
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(pemBody(Files.readString(pub), "PUBLIC KEY"))));
        }
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        RsaKeys keys = new RsaKeys((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        Files.createDirectories(dir);
        OwnerOnlyFiles.write(priv, pem("PRIVATE KEY", keys.privateKey().getEncoded()));
        Files.writeString(pub, pem("PUBLIC KEY", keys.publicKey().getEncoded()), StandardCharsets.US_ASCII);
        return keys;
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
