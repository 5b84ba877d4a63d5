-- Organisations own edges, data sources, rule sets and jobs; people and tools act for one organisation through an
-- API key. Names are unique per organisation instead of globally.

create table organisation (
    id          uuid primary key,
    name        varchar(63) not null unique,
    created_at  timestamptz not null
);

create table api_key (
    id               uuid primary key,
    organisation_id  uuid        not null references organisation (id),
    name             varchar(63) not null,
    -- admin, editor or viewer.
    role             varchar(8)  not null,
    -- The non-secret part of the key (opk_<prefix>_<secret>), for lookup and for people to tell keys apart.
    prefix           char(8)     not null unique,
    -- SHA-256 (hex) of the whole key; the key itself is shown once at creation and never stored.
    token_hash       char(64)    not null,
    created_at       timestamptz not null,
    last_used_at     timestamptz,
    revoked_at       timestamptz
);
create index api_key_organisation on api_key (organisation_id);

-- An upgrade from a database without organisations: whatever exists belongs to the organisation 'default', whose
-- admin key control-api's bootstrap writes at the next start (docs/decisions, organisations and API keys).
insert into organisation (id, name, created_at)
select '00000000-0000-0000-0000-000000000001', 'default', now()
where exists (select 1 from edge) or exists (select 1 from data_source) or exists (select 1 from rule_set);

alter table edge add column organisation_id uuid references organisation (id);
alter table data_source add column organisation_id uuid references organisation (id);
alter table rule_set add column organisation_id uuid references organisation (id);
alter table job add column organisation_id uuid references organisation (id);
update edge set organisation_id = '00000000-0000-0000-0000-000000000001';
update data_source set organisation_id = '00000000-0000-0000-0000-000000000001';
update rule_set set organisation_id = '00000000-0000-0000-0000-000000000001';
update job set organisation_id = '00000000-0000-0000-0000-000000000001';
alter table edge alter column organisation_id set not null;
alter table data_source alter column organisation_id set not null;
alter table rule_set alter column organisation_id set not null;
alter table job alter column organisation_id set not null;

alter table edge drop constraint edge_name_key;
alter table edge add constraint edge_organisation_name unique (organisation_id, name);
alter table data_source drop constraint data_source_name_key;
alter table data_source add constraint data_source_organisation_name unique (organisation_id, name);
alter table rule_set drop constraint rule_set_name_key;
alter table rule_set add constraint rule_set_organisation_name unique (organisation_id, name);
drop index job_submitted_at;
create index job_organisation_submitted_at on job (organisation_id, submitted_at desc);
