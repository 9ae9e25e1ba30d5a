package com.keystone.crm.lead.importing.service;

/** A row as read from the file: its number (the header is row 1) and its cells. */
public record ImportRowInput(int rowNumber, String[] values) {
}
