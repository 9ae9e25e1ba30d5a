package com.keystone.crm.platform.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stock AWS SDK v2 client against the kit's s3proxy: the real S3 wire protocol and SigV4. */
class S3ProxyServerTest {
    static S3ProxyServer s3;
    static S3Client client;

    @BeforeAll
    static void start() {
        s3 = CrmTestEnvironment.get().s3();
        client = client(S3ProxyServer.SECRET_KEY);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void oneServerPerJvm() {
        assertThat(CrmTestEnvironment.get().s3()).isSameAs(s3);
        assertThat(s3.endpoint().getScheme()).isEqualTo("http");
        assertThat(s3.endpoint().getPort()).isPositive();
    }

    @Test
    void putGetAndListAnObject() {
        String bucket = "testkit-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "leads/tenant-acme/photo 1.jpg";
        byte[] content = new byte[256 * 1024 + 17];
        new Random(42).nextBytes(content);

        client.createBucket(b -> b.bucket(bucket));
        assertThat(client.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(bucket));

        client.putObject(p -> p.bucket(bucket).key(key).contentType("image/jpeg"), RequestBody.fromBytes(content));

        ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(g -> g.bucket(bucket).key(key));
        assertThat(got.asByteArray()).isEqualTo(content);
        assertThat(got.response().contentLength()).isEqualTo(content.length);
        assertThat(got.response().contentType()).isEqualTo("image/jpeg");

        ListObjectsV2Response listed = client.listObjectsV2(l -> l.bucket(bucket).prefix("leads/"));
        assertThat(listed.contents()).extracting(S3Object::key).containsExactly(key);
        assertThat(listed.contents().get(0).size()).isEqualTo(content.length);

        client.deleteObject(d -> d.bucket(bucket).key(key));
        assertThat(client.listObjectsV2(l -> l.bucket(bucket)).contents()).isEmpty();
        assertThatThrownBy(() -> client.getObjectAsBytes(g -> g.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aWrongSecretIsRejected() {
        try (S3Client wrong = client("not-the-secret")) {
            assertThatThrownBy(wrong::listBuckets)
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    private static S3Client client(String secret) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, secret)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
