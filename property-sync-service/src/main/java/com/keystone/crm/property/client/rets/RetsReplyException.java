package com.keystone.crm.property.client.rets;

/** A RETS ReplyCode other than success, before it is turned into a retry, a fallback or an MlsException. */
public final class RetsReplyException extends RuntimeException {

    public static final int NO_RECORDS = 20201;
    public static final int OFFSET_NOT_SUPPORTED = 20203;
    public static final int MAX_RECORDS_EXCEEDED = 20208;
    public static final int SESSION_EXPIRED = 20037;
    public static final int NO_OBJECT = 20403;

    private final int replyCode;
    private final String replyText;

    public RetsReplyException(int replyCode, String replyText) {
        super("RETS ReplyCode " + replyCode + ": " + replyText);
        this.replyCode = replyCode;
        this.replyText = replyText;
    }

    public int replyCode() {
        return replyCode;
    }

    public String replyText() {
        return replyText;
    }
}
