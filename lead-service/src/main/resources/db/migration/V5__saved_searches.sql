-- Saved searches (issue 3): a lead's listing criteria on RESO Data Dictionary fields, matched against every
-- property.updated event of the tenant; and the listing matches already recorded, so a lead hears about a
-- listing once per reason and price.

CREATE TABLE saved_search (
    id                uuid          PRIMARY KEY,
    tenant_id         varchar(64)   NOT NULL,
    lead_id           uuid          NOT NULL REFERENCES lead (id),
    name              varchar(100)  NOT NULL,
    -- criteria, as the agent entered them (RESO City, PostalCode, ListPrice, BedroomsTotal,
    -- BathroomsTotalInteger, PropertyType, StandardStatus); an empty list or a null bound means "any"
    cities            text[]        NOT NULL DEFAULT '{}',
    postal_codes      text[]        NOT NULL DEFAULT '{}',
    min_price         numeric(14, 2),
    max_price         numeric(14, 2),
    min_bedrooms      integer,
    min_bathrooms     integer,
    property_types    text[]        NOT NULL DEFAULT '{}',
    standard_statuses text[]        NOT NULL DEFAULT '{Active}',
    -- the location criteria normalised for matching ('city:oakland', 'zip:94610'), or '{*}' for a search without
    -- any: a listing matches when its own keys overlap these (see ListingMatchRepository)
    location_keys     text[]        NOT NULL,
    -- false: paused by the agent (kept, not matched); deleted_at: removed (soft delete, never matched or shown)
    active            boolean       NOT NULL DEFAULT true,
    created_by        varchar(64)   NOT NULL,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    deleted_at        timestamptz,
    version           bigint        NOT NULL,
    CHECK (min_price IS NULL OR min_price >= 0),
    CHECK (max_price IS NULL OR max_price >= 0),
    CHECK (min_price IS NULL OR max_price IS NULL OR min_price <= max_price),
    CHECK (min_bedrooms IS NULL OR min_bedrooms >= 0),
    CHECK (min_bathrooms IS NULL OR min_bathrooms >= 0),
    CHECK (cardinality(location_keys) > 0)
);
-- a lead's searches and the tenant-wide list, in their (created_at, id) cursor order
CREATE INDEX saved_search_lead ON saved_search (lead_id, created_at, id);
CREATE INDEX saved_search_tenant ON saved_search (tenant_id, created_at, id);
-- matching: only live searches are candidates; the tenant narrows, the location overlap (GIN) narrows further
CREATE INDEX saved_search_live_tenant ON saved_search (tenant_id) WHERE active AND deleted_at IS NULL;
CREATE INDEX saved_search_live_location ON saved_search USING gin (location_keys) WHERE active AND deleted_at IS NULL;

-- One row per lead, listing, reason and price that was announced as a listing-match activity. A redelivered or
-- repeated property.updated, a second matching search of the same lead, or an unchanged price hits the unique
-- key and records nothing. list_price may be null (a new listing without a price), hence NULLS NOT DISTINCT.
CREATE TABLE listing_match (
    id                  uuid          PRIMARY KEY,
    tenant_id           varchar(64)   NOT NULL,
    lead_id             uuid          NOT NULL REFERENCES lead (id),
    saved_search_id     uuid          NOT NULL REFERENCES saved_search (id),
    listing_key         varchar(255)  NOT NULL,
    provider_id         varchar(128)  NOT NULL,
    match_reason        varchar(16)   NOT NULL CHECK (match_reason IN ('new-listing', 'price-drop')),
    list_price          numeric,
    previous_list_price numeric,
    event_id            uuid          NOT NULL,
    activity_id         uuid,
    matched_at          timestamptz   NOT NULL,
    CONSTRAINT listing_match_once UNIQUE NULLS NOT DISTINCT (lead_id, listing_key, match_reason, list_price)
);
CREATE INDEX listing_match_search ON listing_match (saved_search_id);
