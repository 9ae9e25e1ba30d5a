package com.keystone.crm.property.client;

/** Receives listings one at a time while a provider streams them; throwing stops the stream. */
@FunctionalInterface
public interface ListingSink {
    void accept(MlsListing listing) throws Exception;
}
