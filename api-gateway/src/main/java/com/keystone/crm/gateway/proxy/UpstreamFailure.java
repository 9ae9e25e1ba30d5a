package com.keystone.crm.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

/** An upstream that answered 5xx: counts against its breaker, yet the answer is passed on to the caller. */
class UpstreamFailure extends RuntimeException {
    final transient HttpResponse<Buffer> response;

    UpstreamFailure(HttpResponse<Buffer> response) {
        super("upstream answered " + response.statusCode(), null, false, false);
        this.response = response;
    }
}
