-- control-api holds metadata and aggregates only (ARCHITECTURE.md section 2): no column here may hold a row or a
-- column value of customer data.

create table edge (
    id                uuid primary key,
    name              varchar(63)  not null unique,
    -- SHA-256 (hex) of the edge token; the token itself is shown once at creation and never stored.
    token_hash        char(64)     not null unique,
    agent_version     varchar(64),
    link_open         boolean      not null default false,
    last_seen_at      timestamptz,
    -- The sequence number the next command for this edge gets.
    next_command_seq  bigint       not null default 1,
    created_at        timestamptz  not null
);

create table data_source (
    id          uuid primary key,
    name        varchar(63)   not null unique,
    edge_id     uuid          not null references edge (id),
    bucket      varchar(63)   not null,
    prefix      varchar(1024) not null,
    format      varchar(16)   not null,
    created_at  timestamptz   not null
);

create table rule_set (
    id           uuid primary key,
    name         varchar(63) not null unique,
    yaml         text        not null,
    -- Check names in rule-set order, one per line.
    check_names  text        not null,
    created_at   timestamptz not null
);

create table job (
    id                uuid primary key,
    data_source_id    uuid             not null references data_source (id),
    rule_set_id       uuid             not null references rule_set (id),
    edge_id           uuid             not null references edge (id),
    state             varchar(16)      not null,
    sample_limit      integer          not null,
    progress          double precision not null default 0,
    progress_message  varchar(512),
    failure_code      varchar(32),
    failure_reason    varchar(4096),
    rows_scanned      bigint,
    score             double precision,
    duration_millis   bigint,
    submitted_at      timestamptz      not null,
    started_at        timestamptz,
    finished_at       timestamptz
);
create index job_submitted_at on job (submitted_at desc);

create table job_check_result (
    job_id          uuid             not null references job (id),
    position        integer          not null,
    name            varchar(63)      not null,
    type            varchar(32)      not null,
    dimension       varchar(16)      not null,
    rows_checked    bigint           not null,
    rows_failed     bigint           not null,
    passed          boolean          not null,
    score           double precision not null,
    samples_stored  bigint           not null,
    primary key (job_id, position)
);

create table job_dimension_score (
    job_id     uuid             not null references job (id),
    dimension  varchar(16)      not null,
    score      double precision not null,
    primary key (job_id, dimension)
);

-- The per-edge outbox: a command stays until the edge acknowledges it (or, for an interactive request, until it
-- expires: a person waiting for a preview is gone by then).
create table edge_command (
    edge_id     uuid        not null references edge (id),
    seq         bigint      not null,
    kind        varchar(32) not null,
    -- The serialized outpost.edgelink.v1.Command (metadata only).
    payload     bytea       not null,
    created_at  timestamptz not null,
    expires_at  timestamptz,
    acked_at    timestamptz,
    primary key (edge_id, seq)
);
create index edge_command_pending on edge_command (edge_id, seq) where acked_at is null;

-- Events already applied, so a redelivered event is acknowledged without being applied twice.
create table processed_event (
    event_id      varchar(64) primary key,
    edge_id       uuid        not null references edge (id),
    processed_at  timestamptz not null
);
