package com.keystone.crm.tools.fakes;

/** A provider fault a fake can be told to answer with (see each fake's {@code failNext} / {@code failAlways}). */
public enum FailureMode {
    /** 500 with the provider's error body. */
    SERVER_ERROR,
    /** 503 with the provider's error body. */
    SERVICE_UNAVAILABLE,
    /** 429 with the provider's error body and a {@code Retry-After} header. */
    RATE_LIMITED,
    /**
     * No answer: the request is held (nothing recorded) until the client gives up, the fake's hang limit passes or
     * the fake is reset or closed. The client sees a read timeout.
     */
    HANG,
    /**
     * The provider accepts the request (the message is recorded and delivered as usual) but the answer never comes:
     * the "outcome unknown" case a sender must reconcile before it retries.
     */
    ACCEPT_THEN_HANG
}
