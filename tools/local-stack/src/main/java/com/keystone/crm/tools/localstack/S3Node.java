package com.keystone.crm.tools.localstack;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;

/**
 * s3proxy speaking the real S3 API on localhost:9000 with a filesystem backend under {@code .local-stack/s3}
 * (a bucket is a directory). It runs inside the supervisor's JVM: it starts in well under a second and cannot
 * outlive the supervisor. Its library logging is quieted by the supervisor's logback.xml.
 */
public final class S3Node implements Component {
    private final StackConfig config;
    private final Console console;
    private BlobStoreContext context;
    private S3Proxy proxy;

    public S3Node(StackConfig config, Console console) {
        this.config = config;
        this.console = console;
    }

    @Override
    public String name() {
        return "s3proxy";
    }

    static Properties jcloudsProperties(StackConfig config) {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", config.s3Dir().toString());
        p.setProperty("jclouds.identity", StackConfig.S3_ACCESS_KEY);
        p.setProperty("jclouds.credential", StackConfig.S3_SECRET_KEY);
        return p;
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(config.s3Dir());
        context = ContextBuilder.newBuilder("filesystem")
                .overrides(jcloudsProperties(config))
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, StackConfig.S3_ACCESS_KEY, StackConfig.S3_SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:" + StackConfig.S3_PORT))
                .build();
        proxy.start();
    }

    @Override
    public void awaitReady(Duration timeout) throws Waits.NotReady {
        Waits.await("s3proxy", timeout, () -> true, () -> "STARTED".equals(proxy.getState()));
        if (context.getBlobStore().createContainerInLocation(null, StackConfig.S3_BUCKET)) {
            console.info("created bucket %s", StackConfig.S3_BUCKET);
        }
        console.info("s3proxy on %s (bucket %s, data %s)", StackConfig.S3_ENDPOINT, StackConfig.S3_BUCKET,
                config.display(config.s3Dir()));
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            console.warn("s3proxy stop: %s", e.getMessage());
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }
}
