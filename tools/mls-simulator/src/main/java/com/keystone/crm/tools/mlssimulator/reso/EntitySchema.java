package com.keystone.crm.tools.mlssimulator.reso;

import com.keystone.crm.tools.mlssimulator.feed.Field;
import com.keystone.crm.tools.mlssimulator.feed.FieldKind;
import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.feed.MediaItem;
import com.keystone.crm.tools.mlssimulator.feed.PhotoRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An OData entity type: its properties (in $metadata order), key and the tie-breaking sort key. */
public final class EntitySchema<T> {

    public static final EntitySchema<Listing> PROPERTY = property();
    public static final EntitySchema<MediaItem> MEDIA = media();

    private final String name;
    private final String key;
    private final String timestamp;
    private final Map<String, Prop<T>> props;

    private EntitySchema(String name, String key, String timestamp, List<Prop<T>> props) {
        this.name = name;
        this.key = key;
        this.timestamp = timestamp;
        Map<String, Prop<T>> map = new LinkedHashMap<>();
        props.forEach(p -> map.put(p.name(), p));
        this.props = map;
    }

    public String name() { return name; }
    public String key() { return key; }
    /** The modification timestamp replication orders by (then the key). */
    public String timestamp() { return timestamp; }
    public List<Prop<T>> props() { return new ArrayList<>(props.values()); }

    public Optional<Prop<T>> prop(String name) {
        return Optional.ofNullable(props.get(name));
    }

    private static EntitySchema<Listing> property() {
        List<Prop<Listing>> props = new ArrayList<>();
        for (Field f : Field.values()) {
            props.add(new Prop<>(f.resoName(), f.kind(), f.lookup(), f::valueOf));
        }
        return new EntitySchema<>("Property", "ListingKey", "ModificationTimestamp", props);
    }

    private static EntitySchema<MediaItem> media() {
        return new EntitySchema<>("Media", "MediaKey", "MediaModificationTimestamp", List.of(
                new Prop<>("MediaKey", FieldKind.STRING, null, MediaItem::mediaKey),
                new Prop<>("ResourceRecordKey", FieldKind.STRING, null, MediaItem::resourceRecordKey),
                new Prop<>("ResourceName", FieldKind.STRING, null, m -> "Property"),
                new Prop<>("Order", FieldKind.INT, null, MediaItem::order),
                new Prop<>("MediaURL", FieldKind.STRING, null, MediaItem::mediaUrl),
                new Prop<>("MediaCategory", FieldKind.STRING, null, m -> MediaItem.CATEGORY),
                new Prop<>("MediaType", FieldKind.STRING, null, m -> MediaItem.MIME_TYPE),
                new Prop<>("ImageWidth", FieldKind.INT, null, m -> PhotoRenderer.WIDTH),
                new Prop<>("ImageHeight", FieldKind.INT, null, m -> PhotoRenderer.HEIGHT),
                new Prop<>("MediaModificationTimestamp", FieldKind.TIMESTAMP, null,
                        MediaItem::modificationTimestamp)));
    }
}
