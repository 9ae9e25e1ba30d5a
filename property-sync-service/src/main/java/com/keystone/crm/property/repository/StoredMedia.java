package com.keystone.crm.property.repository;

import java.util.List;

/** A batch's media as stored (with the copy's S3 key where it landed) and how many photo copies they queued. */
public record StoredMedia(List<MediaRow> rows, int queued) {
}
