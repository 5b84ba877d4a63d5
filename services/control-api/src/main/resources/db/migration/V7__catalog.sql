-- The catalog: what metadata imports found in data sources. Names, types, counts and sizes only: no column here may
-- hold a value of customer data. Text columns, because an S3 key may be 1024 bytes and a type name anything the
-- engine reports.

-- The scope of each metadata-import job, to replace exactly the items inside it when the job succeeds.
create table catalog_import (
    job_id          uuid primary key references job (id),
    data_source_id  uuid not null references data_source (id),
    -- The bucket or schema.
    container       text not null,
    -- A prefix import: every key starting with it.
    name_prefix     text,
    -- One key or table.
    name            text
);

create table catalog_item (
    id               uuid primary key,
    organisation_id  uuid        not null references organisation (id),
    data_source_id   uuid        not null references data_source (id),
    -- file, or PostgreSQL's kind (table, view, materialized view, foreign table, partitioned table).
    kind             text        not null,
    -- Files: the bucket; tables: the schema.
    container        text        not null,
    -- Files: the full key; tables: the table's name.
    name             text        not null,
    row_count        bigint      not null,
    -- exact, estimated or unknown.
    row_count_kind   varchar(16) not null,
    size_bytes       bigint      not null,
    -- Why columns or rows could not be read (names and types only, never a value).
    error            text,
    imported_at      timestamptz not null,
    -- The metadata-import job that last wrote the item.
    job_id           uuid        not null references job (id),
    constraint catalog_item_place unique (data_source_id, container, name)
);
create index catalog_item_organisation on catalog_item (organisation_id, container, name);

create table catalog_item_column (
    item_id   uuid    not null references catalog_item (id) on delete cascade,
    position  integer not null,
    name      text    not null,
    type      text    not null,
    primary key (item_id, position)
);
