package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.feed.Field;
import com.keystone.crm.tools.mlssimulator.feed.FieldKind;
import com.keystone.crm.tools.mlssimulator.feed.Lookup;
import com.keystone.crm.tools.mlssimulator.feed.LookupValue;
import com.keystone.crm.tools.mlssimulator.xml.Xml;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * GetMetadata in COMPACT (RETS 1.7.2 §11): SYSTEM, RESOURCE, CLASS, TABLE, LOOKUP, LOOKUP_TYPE, OBJECT for the one
 * resource {@code Property} with classes {@code RES} and {@code LND}. TABLE rows carry the RESO StandardName.
 */
final class RetsMetadata {

    static final String FIRST_VERSION = "1.00.000";
    static final String RESOURCE = "Property";
    static final List<String[]> CLASSES = List.of(
            new String[] {"RES", "ResidentialProperty", "Residential", "Residential listings"},
            new String[] {"LND", "Land", "Lots and Land", "Lots & land listings"});

    private final String version;
    private final String date;
    private final ZoneOffset zone;

    /** One revision of the metadata: its MetadataVersion and MetadataTimestamp. */
    RetsMetadata(String version, String date, ZoneOffset zone) {
        this.version = version;
        this.date = date;
        this.zone = zone;
    }

    String version() {
        return version;
    }

    String date() {
        return date;
    }

    static boolean isClass(String name) {
        return CLASSES.stream().anyMatch(c -> c[0].equals(name));
    }

    /** Writes the METADATA-* element(s) for a Type and ID; throws RetsException with 2050x codes otherwise. */
    void write(Writer w, String type, String id) throws IOException {
        String t = type.toUpperCase().startsWith("METADATA-") ? type.substring(9).toUpperCase() : type.toUpperCase();
        String[] parts = id == null || id.isBlank() ? new String[] {"0"} : id.split(":");
        String resource = parts[0];
        String sub = parts.length > 1 ? parts[1] : "*";
        boolean anyResource = resource.equals("*") || resource.equals("0");
        if (!anyResource && !resource.equals(RESOURCE) && !t.equals("SYSTEM") && !t.equals("RESOURCE")) {
            throw new RetsException(20502, "Invalid Identifier: no resource " + resource);
        }
        switch (t) {
            case "SYSTEM" -> system(w);
            case "RESOURCE" -> resource(w);
            case "CLASS" -> classes(w);
            case "TABLE" -> {
                List<String> classes = new ArrayList<>();
                for (String[] c : CLASSES) {
                    if (anyResource || sub.equals("*") || sub.equals(c[0])) {
                        classes.add(c[0]);
                    }
                }
                if (classes.isEmpty()) {
                    throw new RetsException(20502, "Invalid Identifier: no class " + sub);
                }
                for (String c : classes) {
                    table(w, c);
                }
            }
            case "LOOKUP" -> lookups(w);
            case "LOOKUP_TYPE" -> {
                List<Lookup> lookups = new ArrayList<>();
                for (Lookup l : Lookup.ALL) {
                    if (anyResource || sub.equals("*") || sub.equals(l.name())) {
                        lookups.add(l);
                    }
                }
                if (lookups.isEmpty()) {
                    throw new RetsException(20502, "Invalid Identifier: no lookup " + sub);
                }
                for (Lookup l : lookups) {
                    lookupType(w, l);
                }
            }
            case "OBJECT" -> object(w);
            default -> throw new RetsException(20501, "Invalid Type: " + type);
        }
    }

    private void system(Writer w) throws IOException {
        w.write("<METADATA-SYSTEM Version=\"" + version + "\" Date=\"" + date + "\">\n");
        w.write("<SYSTEM SystemID=\"KEYSTONE-SIM\" SystemDescription=\"Keystone CRM MLS simulator\" TimeZoneOffset=\""
                + zone.getId().replace("Z", "+00:00") + "\" MetadataID=\"KEYSTONE-SIM-1\"/>\n");
        w.write("<COMMENTS>Simulated MLS: seeded listings, RETS 1.7.2 and RESO Web API</COMMENTS>\n");
        w.write("</METADATA-SYSTEM>\n");
    }

    private void resource(Writer w) throws IOException {
        open(w, "RESOURCE", "");
        columns(w, "ResourceID", "StandardName", "VisibleName", "Description", "KeyField", "ClassCount",
                "ClassVersion", "ClassDate", "ObjectVersion", "ObjectDate", "SearchHelpVersion", "SearchHelpDate",
                "EditMaskVersion", "EditMaskDate", "LookupVersion", "LookupDate", "UpdateHelpVersion",
                "UpdateHelpDate", "ValidationExpressionVersion", "ValidationExpressionDate",
                "ValidationLookupVersion", "ValidationLookupDate", "ValidationExternalVersion",
                "ValidationExternalDate");
        data(w, RESOURCE, "Property", "Property", "Listings", Field.LISTING_KEY.systemName(),
                String.valueOf(CLASSES.size()), version, date, version, date, "", "", "", "", version, date, "", "",
                "", "", "", "", "", "");
        close(w, "RESOURCE");
    }

    private void classes(Writer w) throws IOException {
        open(w, "CLASS", " Resource=\"" + RESOURCE + "\"");
        columns(w, "ClassName", "StandardName", "VisibleName", "Description", "TableVersion", "TableDate",
                "UpdateVersion", "UpdateDate", "ClassTimeStamp", "DeletedFlagField", "DeletedFlagValue",
                "HasKeyIndex");
        for (String[] c : CLASSES) {
            data(w, c[0], c[1], c[2], c[3], version, date, "", "", Field.MODIFICATION_TIMESTAMP.systemName(), "", "",
                    "1");
        }
        close(w, "CLASS");
    }

    private void table(Writer w, String className) throws IOException {
        open(w, "TABLE", " Resource=\"" + RESOURCE + "\" Class=\"" + className + "\"");
        columns(w, "MetadataEntryID", "SystemName", "StandardName", "LongName", "DBName", "ShortName",
                "MaximumLength", "DataType", "Precision", "Searchable", "Interpretation", "Alignment",
                "UseSeparator", "EditMaskID", "LookupName", "MaxSelect", "Units", "Index", "Minimum", "Maximum",
                "Default", "Required", "SearchHelpID", "Unique", "ModTimeStamp", "ForeignKeyName", "ForeignField",
                "InKeyIndex");
        int id = 1;
        for (Field f : Field.values()) {
            boolean key = f == Field.LISTING_KEY;
            data(w, String.valueOf(id++), f.systemName(), f.resoName(), longName(f.resoName()),
                    f.systemName().replace("LIST_", "L"), f.resoName().length() > 12 ? f.resoName().substring(0, 12)
                            : f.resoName(),
                    String.valueOf(f.maxLength()), dataType(f), precision(f), "1", interpretation(f), alignment(f),
                    f == Field.LIST_PRICE || f == Field.ORIGINAL_LIST_PRICE ? "1" : "0", "",
                    f.lookup() == null ? "" : f.lookup().name(),
                    f.kind() == FieldKind.LOOKUP_MULTI ? String.valueOf(f.lookup().values().size()) : "",
                    f.resoName().contains("Price") ? "Dollars" : f == Field.LIVING_AREA ? "SquareFeet"
                            : f == Field.LOT_SIZE_ACRES ? "Acres" : "",
                    key || f == Field.MODIFICATION_TIMESTAMP ? "1" : "0", "", "", "", key ? "1" : "0", "",
                    key ? "1" : "0", f == Field.MODIFICATION_TIMESTAMP ? "1" : "0", "", "", key ? "1" : "0");
        }
        close(w, "TABLE");
    }

    private void lookups(Writer w) throws IOException {
        open(w, "LOOKUP", " Resource=\"" + RESOURCE + "\"");
        columns(w, "MetadataEntryID", "LookupName", "VisibleName", "Version", "Date");
        int id = 1;
        for (Lookup l : Lookup.ALL) {
            data(w, "L" + id++, l.name(), l.resoEnumName(), version, date);
        }
        close(w, "LOOKUP");
    }

    private void lookupType(Writer w, Lookup l) throws IOException {
        open(w, "LOOKUP_TYPE", " Resource=\"" + RESOURCE + "\" Lookup=\"" + l.name() + "\"");
        columns(w, "MetadataEntryID", "LongValue", "ShortValue", "Value");
        int id = 1;
        for (LookupValue v : l.values()) {
            data(w, l.name() + "-" + id++, v.standard(), v.shortValue(), v.code());
        }
        close(w, "LOOKUP_TYPE");
    }

    private void object(Writer w) throws IOException {
        open(w, "OBJECT", " Resource=\"" + RESOURCE + "\"");
        columns(w, "MetadataEntryID", "ObjectType", "MIMEType", "VisibleName", "Description", "ObjectTimeStamp",
                "ObjectCount");
        data(w, "1", "Photo", "image/jpeg", "Photo", "Listing photos, 320x240 JPEG",
                Field.PHOTOS_CHANGE_TIMESTAMP.systemName(), Field.PHOTOS_COUNT.systemName());
        close(w, "OBJECT");
    }

    private void open(Writer w, String type, String attributes) throws IOException {
        w.write("<METADATA-" + type + attributes + " Version=\"" + version + "\" Date=\"" + date + "\">\n");
    }

    private static void close(Writer w, String type) throws IOException {
        w.write("</METADATA-" + type + ">\n");
    }

    private static void columns(Writer w, String... names) throws IOException {
        w.write("<COLUMNS>\t" + String.join("\t", names) + "\t</COLUMNS>\n");
    }

    private static void data(Writer w, String... values) throws IOException {
        StringBuilder row = new StringBuilder("<DATA>\t");
        for (String v : values) {
            row.append(Xml.escape(v)).append('\t');
        }
        w.write(row.append("</DATA>\n").toString());
    }

    static String dataType(Field f) {
        return switch (f.kind()) {
            case INT -> "Int";
            case DECIMAL -> "Decimal";
            case DATE -> "Date";
            case TIMESTAMP -> "DateTime";
            default -> "Character";
        };
    }

    private static String precision(Field f) {
        if (f.kind() != FieldKind.DECIMAL) {
            return "";
        }
        return f == Field.LATITUDE || f == Field.LONGITUDE ? "6" : "2";
    }

    private static String interpretation(Field f) {
        return switch (f.kind()) {
            case LOOKUP -> "Lookup";
            case LOOKUP_MULTI -> "LookupMulti";
            case INT, DECIMAL -> f.resoName().contains("Price") ? "Currency" : "Number";
            default -> "";
        };
    }

    private static String alignment(Field f) {
        return f.kind() == FieldKind.INT || f.kind() == FieldKind.DECIMAL ? "Right" : "Left";
    }

    private static String longName(String resoName) {
        return resoName.replaceAll("([a-z])([A-Z])", "$1 $2");
    }
}
