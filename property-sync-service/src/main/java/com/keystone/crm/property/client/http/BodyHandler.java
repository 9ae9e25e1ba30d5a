package com.keystone.crm.property.client.http;

import org.apache.hc.core5.http.ClassicHttpResponse;

/** Reads a successful (2xx) response while it streams; the layer closes the response afterwards. */
@FunctionalInterface
public interface BodyHandler<T> {
    T handle(ClassicHttpResponse response) throws Exception;
}
