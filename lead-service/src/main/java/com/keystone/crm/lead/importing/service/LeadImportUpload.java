package com.keystone.crm.lead.importing.service;

import java.nio.file.Path;

/** The uploaded CSV as Quarkus REST stored it (a temporary file, deleted after the request). */
public record LeadImportUpload(Path path, String fileName, long size) {
}
