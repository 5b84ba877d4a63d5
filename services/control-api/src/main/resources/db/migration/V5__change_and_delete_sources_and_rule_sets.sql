-- Data sources and rule sets can be changed and deleted. A deleted one keeps its row (the jobs that ran on it still
-- refer to it) but is gone for every API call, and its name is free again. A rule set's YAML can be replaced; each
-- replacement is a new version, and a job keeps the version and YAML it ran with, so its history stays true.

alter table data_source add column updated_at timestamptz;
alter table data_source add column deleted_at timestamptz;
alter table data_source drop constraint data_source_organisation_name;
create unique index data_source_organisation_name on data_source (organisation_id, name) where deleted_at is null;

alter table rule_set add column version integer not null default 1;
alter table rule_set add column updated_at timestamptz;
alter table rule_set add column deleted_at timestamptz;
alter table rule_set drop constraint rule_set_organisation_name;
create unique index rule_set_organisation_name on rule_set (organisation_id, name) where deleted_at is null;

-- Rule sets could not change before this migration, so every existing job ran with version 1 of today's YAML.
alter table job add column rule_set_version integer;
alter table job add column rule_set_yaml text;
update job set rule_set_version = 1, rule_set_yaml = (select r.yaml from rule_set r where r.id = job.rule_set_id);
alter table job alter column rule_set_version set not null;
alter table job alter column rule_set_yaml set not null;

-- Deleting a data source or rule set asks whether a job on it is still queued or running.
create index job_unfinished_data_source on job (data_source_id) where state in ('QUEUED', 'RUNNING');
create index job_unfinished_rule_set on job (rule_set_id) where state in ('QUEUED', 'RUNNING');
