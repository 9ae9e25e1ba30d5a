package com.keystone.crm.property.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bytes of one media object as the provider streams them; contentLength is -1 when unknown. */
public record MediaContent(InputStream body, String contentType, long contentLength) implements AutoCloseable {
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
