package com.keystone.crm.tools.mlssimulator.reso;

import com.keystone.crm.tools.mlssimulator.feed.Field;
import com.keystone.crm.tools.mlssimulator.feed.Lookup;
import com.keystone.crm.tools.mlssimulator.feed.LookupValue;
import com.keystone.crm.tools.mlssimulator.xml.Xml;

/** The CSDL ($metadata) of the service: Property and Media entity types, enumerations as Edm EnumTypes. */
public final class EdmxWriter {

    public static final String NAMESPACE = "org.reso.metadata";
    public static final String ENUM_NAMESPACE = "org.reso.metadata.enums";

    private EdmxWriter() {
    }

    public static String write() {
        StringBuilder x = new StringBuilder(16_384);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" Version=\"4.0\">\n");
        x.append("  <edmx:DataServices>\n");
        x.append("    <Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"").append(NAMESPACE)
                .append("\">\n");
        x.append("      <EntityType Name=\"Property\">\n");
        x.append("        <Key><PropertyRef Name=\"ListingKey\"/></Key>\n");
        for (Field f : Field.values()) {
            x.append("        <Property Name=\"").append(f.resoName()).append("\" ").append(typeOf(f)).append("/>\n");
        }
        x.append("        <NavigationProperty Name=\"Media\" Type=\"Collection(").append(NAMESPACE)
                .append(".Media)\"/>\n");
        x.append("      </EntityType>\n");
        x.append("      <EntityType Name=\"Media\">\n");
        x.append("        <Key><PropertyRef Name=\"MediaKey\"/></Key>\n");
        for (Prop<?> p : EntitySchema.MEDIA.props()) {
            String type = switch (p.kind()) {
                case INT -> "Type=\"Edm.Int32\"";
                case TIMESTAMP -> "Type=\"Edm.DateTimeOffset\" Precision=\"27\"";
                default -> "Type=\"Edm.String\"";
            };
            x.append("        <Property Name=\"").append(p.name()).append("\" ").append(type).append("/>\n");
        }
        x.append("      </EntityType>\n");
        x.append("      <EntityContainer Name=\"Default\">\n");
        x.append("        <EntitySet Name=\"Property\" EntityType=\"").append(NAMESPACE).append(".Property\">\n");
        x.append("          <NavigationPropertyBinding Path=\"Media\" Target=\"Media\"/>\n");
        x.append("        </EntitySet>\n");
        x.append("        <EntitySet Name=\"Media\" EntityType=\"").append(NAMESPACE).append(".Media\"/>\n");
        x.append("      </EntityContainer>\n");
        x.append("    </Schema>\n");
        x.append("    <Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"").append(ENUM_NAMESPACE)
                .append("\">\n");
        for (Lookup lookup : Lookup.ALL) {
            boolean flags = lookup == Lookup.APPLIANCES;
            x.append("      <EnumType Name=\"").append(lookup.resoEnumName()).append('"')
                    .append(flags ? " IsFlags=\"true\"" : "").append(">\n");
            int i = 0;
            for (LookupValue v : lookup.values()) {
                long value = flags ? 1L << i : i;
                x.append("        <Member Name=\"").append(Xml.escape(v.standard())).append("\" Value=\"")
                        .append(value).append("\"/>\n");
                i++;
            }
            x.append("      </EnumType>\n");
        }
        x.append("    </Schema>\n");
        x.append("  </edmx:DataServices>\n");
        x.append("</edmx:Edmx>\n");
        return x.toString();
    }

    private static String typeOf(Field f) {
        return switch (f.kind()) {
            case STRING -> "Type=\"Edm.String\" MaxLength=\"" + f.maxLength() + "\"";
            case INT -> "Type=\"Edm.Int32\"";
            case DECIMAL -> f == Field.LATITUDE || f == Field.LONGITUDE
                    ? "Type=\"Edm.Decimal\" Precision=\"12\" Scale=\"8\""
                    : "Type=\"Edm.Decimal\" Precision=\"14\" Scale=\"2\"";
            case DATE -> "Type=\"Edm.Date\"";
            case TIMESTAMP -> "Type=\"Edm.DateTimeOffset\" Precision=\"27\"";
            case LOOKUP, LOOKUP_MULTI -> "Type=\"" + ENUM_NAMESPACE + "." + f.lookup().resoEnumName() + "\"";
        };
    }
}
