package com.keystone.crm.gateway.rest;

import io.vertx.core.http.HttpServerRequest;

/** The caller's address as the connection shows it (behind a trusted proxy, enable quarkus.http.proxy.*). */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
