package com.keystone.crm.property.client;

/**
 * A provider request failed after the client's own retries. Carries what the sync records for ops: the kind of
 * failure, the HTTP status and RETS reply code when there are any, and the server's raw message.
 */
public class MlsException extends RuntimeException {

    public enum Kind {
        /** credentials refused even after a fresh login */
        AUTHENTICATION,
        /** 429 / quota exhausted and the retry budget spent */
        RATE_LIMITED,
        /** the provider suspended our access (e.g. after ignored 429s) */
        SUSPENDED,
        /** 5xx, timeouts and connection failures that outlived the retries, or the breaker is open */
        UNAVAILABLE,
        /** a RETS reply code or OData error the request cannot get past */
        REJECTED,
        /** a body that cannot be parsed at all */
        MALFORMED
    }

    private final Kind kind;
    private final Integer httpStatus;
    private final Integer retsReplyCode;
    private final String serverMessage;

    public MlsException(Kind kind, Integer httpStatus, Integer retsReplyCode, String serverMessage, Throwable cause) {
        super(kind + (httpStatus != null ? " HTTP " + httpStatus : "") + (retsReplyCode != null ? " RETS " + retsReplyCode : "")
                + (serverMessage != null ? ": " + serverMessage : ""), cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retsReplyCode = retsReplyCode;
        this.serverMessage = serverMessage;
    }

    public Kind kind() {
        return kind;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public Integer retsReplyCode() {
        return retsReplyCode;
    }

    public String serverMessage() {
        return serverMessage;
    }
}
