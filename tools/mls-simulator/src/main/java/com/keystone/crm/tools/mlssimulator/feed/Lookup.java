package com.keystone.crm.tools.mlssimulator.feed;

import java.util.List;
import java.util.Optional;

/** A RETS lookup table / RESO enumeration. */
public record Lookup(String name, String resoEnumName, List<LookupValue> values) {

    public static final Lookup STATUS = new Lookup("STATUS", "StandardStatus", List.of(
            new LookupValue("A", "Active", "Act"),
            new LookupValue("U", "ActiveUnderContract", "AUC"),
            new LookupValue("P", "Pending", "Pnd"),
            new LookupValue("S", "Closed", "Sld"),
            new LookupValue("W", "Withdrawn", "Wdn"),
            new LookupValue("X", "Expired", "Exp"),
            new LookupValue("C", "Canceled", "Cnl")));

    public static final Lookup PROPERTY_TYPE = new Lookup("PROPTYPE", "PropertyType", List.of(
            new LookupValue("RES", "Residential", "Res"),
            new LookupValue("LND", "Land", "Lnd")));

    public static final Lookup PROPERTY_SUB_TYPE = new Lookup("PROPSUBTYPE", "PropertySubType", List.of(
            new LookupValue("SFR", "SingleFamilyResidence", "SFR"),
            new LookupValue("CND", "Condominium", "Condo"),
            new LookupValue("TWN", "Townhouse", "Town"),
            new LookupValue("UNL", "UnimprovedLand", "Unimp")));

    public static final Lookup APPLIANCES = new Lookup("APPLIANCES", "Appliances", List.of(
            new LookupValue("DW", "Dishwasher", "DW"),
            new LookupValue("DRY", "Dryer", "Dry"),
            new LookupValue("MW", "Microwave", "MW"),
            new LookupValue("REF", "Refrigerator", "Ref"),
            new LookupValue("WSH", "Washer", "Wsh"),
            new LookupValue("GR", "GasRange", "GasR"),
            new LookupValue("ER", "ElectricRange", "ElR"),
            new LookupValue("DSP", "Disposal", "Dsp")));

    public static final List<Lookup> ALL = List.of(STATUS, PROPERTY_TYPE, PROPERTY_SUB_TYPE, APPLIANCES);

    public Optional<LookupValue> byCode(String code) {
        return values.stream().filter(v -> v.code().equals(code)).findFirst();
    }

    public Optional<LookupValue> byStandard(String standard) {
        return values.stream().filter(v -> v.standard().equals(standard)).findFirst();
    }

    public String codeOf(String standard) {
        return byStandard(standard).map(LookupValue::code)
                .orElseThrow(() -> new IllegalArgumentException(name + " has no value " + standard));
    }

    public static Optional<Lookup> named(String name) {
        return ALL.stream().filter(l -> l.name.equals(name)).findFirst();
    }
}
