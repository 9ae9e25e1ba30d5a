package com.keystone.crm.tools.mlssimulator.feed;

import java.time.Instant;

/** One photo of a listing as the RESO Media resource describes it; {@code version} picks the bytes. */
public record MediaItem(String mediaKey, String resourceRecordKey, int order, String mediaUrl,
        Instant modificationTimestamp, int version) {

    public static final String CATEGORY = "Photo";
    public static final String MIME_TYPE = "image/jpeg";
}
