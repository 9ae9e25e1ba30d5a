package com.keystone.crm.tools.mlssimulator.reso;

import com.keystone.crm.tools.mlssimulator.feed.FieldKind;
import com.keystone.crm.tools.mlssimulator.feed.Lookup;
import java.util.function.Function;

/** One property of an OData entity type: name, kind, enumeration (if any), how to read it. */
public record Prop<T>(String name, FieldKind kind, Lookup lookup, Function<T, Object> getter) {

    public Object valueOf(T row) {
        return getter.apply(row);
    }
}
