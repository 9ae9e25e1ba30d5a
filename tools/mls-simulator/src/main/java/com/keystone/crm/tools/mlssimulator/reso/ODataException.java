package com.keystone.crm.tools.mlssimulator.reso;

/** A client error the RESO endpoint answers with an OData error body. */
public final class ODataException extends RuntimeException {

    private final int status;

    public ODataException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
