package com.keystone.crm.property.client.rets;

/** One column of a RETS class from METADATA-TABLE: how to name, type and decode its values. */
public record RetsField(String systemName, String standardName, String dataType, String interpretation, String lookupName) {

    public boolean lookup() {
        return "Lookup".equalsIgnoreCase(interpretation);
    }

    public boolean lookupMulti() {
        return "LookupMulti".equalsIgnoreCase(interpretation) || "LookupBitmask".equalsIgnoreCase(interpretation);
    }
}
