-- Severities and thresholds (rule language v2): a check that does not pass may only warn. `detail` explains a
-- data-set check's outcome with names, types, bounds and counts only, never a value computed from the data.
alter table job_check_result add column severity varchar(8) not null default 'fail';
alter table job_check_result add column warned boolean not null default false;
alter table job_check_result add column detail varchar(1024);
alter table job add column checks_failed integer;
alter table job add column checks_warned integer;
