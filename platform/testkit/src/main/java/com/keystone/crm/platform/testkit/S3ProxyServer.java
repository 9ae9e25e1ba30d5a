package com.keystone.crm.platform.testkit;

import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.util.Properties;

/**
 * The real S3 API over HTTP: s3proxy with an in-memory (transient) blob store by default, MinIO through
 * Testcontainers when {@link Backends} says so. Same credentials either way.
 */
public final class S3ProxyServer {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private final URI endpoint;
    private final Runnable stopper;

    S3ProxyServer(URI endpoint, Runnable stopper) {
        this.endpoint = endpoint;
        this.stopper = stopper;
    }

    static S3ProxyServer start(Backends backends) {
        return backends.containers() ? ContainerBackends.s3() : startS3Proxy();
    }

    private static S3ProxyServer startS3Proxy() {
        int port = FreePorts.outsideEphemeralRange();
        Properties props = new Properties();
        props.setProperty("jclouds.identity", ACCESS_KEY);
        props.setProperty("jclouds.credential", SECRET_KEY);
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .overrides(props)
                .build(BlobStoreContext.class);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(org.gaul.s3proxy.AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(endpoint)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new S3ProxyServer(endpoint, () -> {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // JVM exit
            }
            context.close();
        });
    }

    public URI endpoint() {
        return endpoint;
    }

    void stop() {
        stopper.run();
    }
}
