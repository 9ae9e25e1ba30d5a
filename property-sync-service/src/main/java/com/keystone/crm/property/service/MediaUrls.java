package com.keystone.crm.property.service;

import com.keystone.crm.property.config.MediaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Where the app reads our copies: crm.media.public-base-url, else the S3 endpoint and bucket (path style). */
@ApplicationScoped
public class MediaUrls {
    private final String base;

    public MediaUrls(MediaConfig config) {
        String b = config.publicBaseUrl().orElseGet(() -> config.endpoint()
                .map(e -> stripSlash(e) + "/" + config.bucket())
                .orElse("https://" + config.bucket() + ".s3." + config.region() + ".amazonaws.com"));
        this.base = stripSlash(b);
    }

    public String publicUrl(String s3Key) {
        return base + "/" + s3Key;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
