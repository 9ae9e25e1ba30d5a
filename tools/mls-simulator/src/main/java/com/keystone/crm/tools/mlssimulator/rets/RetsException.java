package com.keystone.crm.tools.mlssimulator.rets;

/** A RETS request the server refuses, with its RETS reply code (20200 unknown field, 20206 invalid syntax, ...). */
public final class RetsException extends RuntimeException {

    private final int replyCode;

    public RetsException(int replyCode, String message) {
        super(message);
        this.replyCode = replyCode;
    }

    public int replyCode() {
        return replyCode;
    }
}
