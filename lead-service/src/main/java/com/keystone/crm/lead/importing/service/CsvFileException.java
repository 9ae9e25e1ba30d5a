package com.keystone.crm.lead.importing.service;

/** The file is not readable CSV from {@code rowNumber} on (an unclosed quote, bad encoding, ...). */
public class CsvFileException extends Exception {
    private final int rowNumber;

    public CsvFileException(int rowNumber, String message, Throwable cause) {
        super(message, cause);
        this.rowNumber = rowNumber;
    }

    public int rowNumber() {
        return rowNumber;
    }
}
