-- Scheduler: its own role and schema (docs/scheduler.md). Run as a superuser, like 01-roles.sql; the password is a
-- psql variable (psql -v scheduler_password=...), never a literal here.
--
-- The role owns schema scheduler (Quartz's job store and the run history) and nothing else: it cannot read or write
-- the shop tables. The jobs it starts reach PostgreSQL with their own roles.
CREATE ROLE tributary_scheduler LOGIN PASSWORD :'scheduler_password';
CREATE SCHEMA scheduler AUTHORIZATION tributary_scheduler;
