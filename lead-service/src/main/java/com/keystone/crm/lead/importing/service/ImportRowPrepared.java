package com.keystone.crm.lead.importing.service;

/** A row and what the mapping made of it (read on the worker's thread, before its transaction). */
public record ImportRowPrepared(ImportRowInput row, ImportRowReading reading) {
}
