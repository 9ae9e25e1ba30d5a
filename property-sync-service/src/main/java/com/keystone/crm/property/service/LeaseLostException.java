package com.keystone.crm.property.service;

/** Another worker took the provider over (this one was presumed dead): stop without writing anything more. */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
