package com.keystone.crm.platform.topics;

/** The broker refused or did not answer a create, describe or alter request. */
public final class TopicProvisioningException extends RuntimeException {

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
