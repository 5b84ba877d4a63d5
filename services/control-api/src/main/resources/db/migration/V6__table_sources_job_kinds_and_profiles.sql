-- A data source is either files in S3 (bucket, prefix, format, optional glob and CSV options) or a PostgreSQL table.
-- For a table only the password's secret reference (env:NAME or file:/path) is stored: the edge resolves it.

alter table data_source add column kind varchar(8) not null default 'files';
alter table data_source alter column bucket drop not null;
alter table data_source alter column prefix drop not null;
alter table data_source alter column format drop not null;
alter table data_source add column glob varchar(1024);
-- CSV options: null means "detect" (header: present; compression: by the key's extension).
alter table data_source add column csv_header boolean;
alter table data_source add column csv_delimiter varchar(1);
alter table data_source add column csv_quote varchar(1);
alter table data_source add column csv_compression varchar(8);
alter table data_source add column jdbc_url varchar(2048);
alter table data_source add column db_user varchar(63);
alter table data_source add column password_secret varchar(1024);
alter table data_source add column db_schema varchar(63);
alter table data_source add column db_table varchar(63);
alter table data_source add constraint data_source_kind check (
    (kind = 'files' and bucket is not null and prefix is not null and format is not null and jdbc_url is null)
    or (kind = 'table' and bucket is null and jdbc_url is not null and db_user is not null
        and password_secret is not null and db_schema is not null and db_table is not null));

-- A job checks (with a rule set) or profiles (without one).
alter table job add column kind varchar(16) not null default 'check';
alter table job alter column rule_set_id drop not null;
alter table job alter column rule_set_version drop not null;
alter table job alter column rule_set_yaml drop not null;

-- The data sources a job's `reference` checks read, by the name the rule set gives them, as resolved at submission.
create table job_reference (
    job_id          uuid        not null references job (id),
    name            varchar(63) not null,
    data_source_id  uuid        not null references data_source (id),
    primary key (job_id, name)
);
create index job_reference_data_source on job_reference (data_source_id);

-- group_by checks: how many groups, how many did not pass (the groups' keys are data values: never here).
alter table job_check_result add column groups bigint not null default 0;
alter table job_check_result add column groups_failed bigint not null default 0;

-- A profile job's value-free column counts; the value-bearing profile stays encrypted in the customer's bucket.
create table job_column_profile (
    job_id          uuid         not null references job (id),
    position        integer      not null,
    name            text         not null,
    type            text         not null,
    nulls           bigint       not null,
    distinct_count  bigint       not null,
    primary key (job_id, position)
);
