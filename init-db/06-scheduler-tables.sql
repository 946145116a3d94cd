-- Scheduler: the tables of schema scheduler, owned by tributary_scheduler. Idempotent: init-db applies this file on a
-- new cluster and the scheduler applies it again at every start (it is copied into the scheduler's jar), so a data
-- dir or volume initialised before a table existed gets it. No psql variable here.
--
-- qrtz_*: Quartz's JDBC job store (JobStoreTX, PostgreSQLDelegate, table prefix scheduler.qrtz_), the tables of the
-- PostgreSQL script Quartz ships, with IF NOT EXISTS.
SET ROLE tributary_scheduler;

CREATE TABLE IF NOT EXISTS scheduler.qrtz_job_details (
    sched_name        varchar(120) NOT NULL,
    job_name          varchar(200) NOT NULL,
    job_group         varchar(200) NOT NULL,
    description       varchar(250),
    job_class_name    varchar(250) NOT NULL,
    is_durable        bool         NOT NULL,
    is_nonconcurrent  bool         NOT NULL,
    is_update_data    bool         NOT NULL,
    requests_recovery bool         NOT NULL,
    job_data          bytea,
    PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_triggers (
    sched_name     varchar(120) NOT NULL,
    trigger_name   varchar(200) NOT NULL,
    trigger_group  varchar(200) NOT NULL,
    job_name       varchar(200) NOT NULL,
    job_group      varchar(200) NOT NULL,
    description    varchar(250),
    next_fire_time bigint,
    prev_fire_time bigint,
    priority       integer,
    trigger_state  varchar(16)  NOT NULL,
    trigger_type   varchar(8)   NOT NULL,
    start_time     bigint       NOT NULL,
    end_time       bigint,
    calendar_name  varchar(200),
    misfire_instr  smallint,
    job_data       bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES scheduler.qrtz_job_details (sched_name, job_name, job_group)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_simple_triggers (
    sched_name      varchar(120) NOT NULL,
    trigger_name    varchar(200) NOT NULL,
    trigger_group   varchar(200) NOT NULL,
    repeat_count    bigint       NOT NULL,
    repeat_interval bigint       NOT NULL,
    times_triggered bigint       NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES scheduler.qrtz_triggers (sched_name, trigger_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_cron_triggers (
    sched_name      varchar(120) NOT NULL,
    trigger_name    varchar(200) NOT NULL,
    trigger_group   varchar(200) NOT NULL,
    cron_expression varchar(120) NOT NULL,
    time_zone_id    varchar(80),
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES scheduler.qrtz_triggers (sched_name, trigger_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_simprop_triggers (
    sched_name    varchar(120)   NOT NULL,
    trigger_name  varchar(200)   NOT NULL,
    trigger_group varchar(200)   NOT NULL,
    str_prop_1    varchar(512),
    str_prop_2    varchar(512),
    str_prop_3    varchar(512),
    int_prop_1    int,
    int_prop_2    int,
    long_prop_1   bigint,
    long_prop_2   bigint,
    dec_prop_1    numeric(13, 4),
    dec_prop_2    numeric(13, 4),
    bool_prop_1   bool,
    bool_prop_2   bool,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES scheduler.qrtz_triggers (sched_name, trigger_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_blob_triggers (
    sched_name    varchar(120) NOT NULL,
    trigger_name  varchar(200) NOT NULL,
    trigger_group varchar(200) NOT NULL,
    blob_data     bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES scheduler.qrtz_triggers (sched_name, trigger_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_calendars (
    sched_name    varchar(120) NOT NULL,
    calendar_name varchar(200) NOT NULL,
    calendar      bytea        NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_paused_trigger_grps (
    sched_name    varchar(120) NOT NULL,
    trigger_group varchar(200) NOT NULL,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_fired_triggers (
    sched_name        varchar(120) NOT NULL,
    entry_id          varchar(95)  NOT NULL,
    trigger_name      varchar(200) NOT NULL,
    trigger_group     varchar(200) NOT NULL,
    instance_name     varchar(200) NOT NULL,
    fired_time        bigint       NOT NULL,
    sched_time        bigint       NOT NULL,
    priority          integer      NOT NULL,
    state             varchar(16)  NOT NULL,
    job_name          varchar(200),
    job_group         varchar(200),
    is_nonconcurrent  bool,
    requests_recovery bool,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_scheduler_state (
    sched_name        varchar(120) NOT NULL,
    instance_name     varchar(200) NOT NULL,
    last_checkin_time bigint       NOT NULL,
    checkin_interval  bigint       NOT NULL,
    PRIMARY KEY (sched_name, instance_name)
);

CREATE TABLE IF NOT EXISTS scheduler.qrtz_locks (
    sched_name varchar(120) NOT NULL,
    lock_name  varchar(40)  NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

CREATE INDEX IF NOT EXISTS idx_qrtz_j_req_recovery ON scheduler.qrtz_job_details (sched_name, requests_recovery);
CREATE INDEX IF NOT EXISTS idx_qrtz_j_grp ON scheduler.qrtz_job_details (sched_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_j ON scheduler.qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_jg ON scheduler.qrtz_triggers (sched_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_c ON scheduler.qrtz_triggers (sched_name, calendar_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_g ON scheduler.qrtz_triggers (sched_name, trigger_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_state ON scheduler.qrtz_triggers (sched_name, trigger_state);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_n_state ON scheduler.qrtz_triggers (sched_name, trigger_name, trigger_group, trigger_state);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_n_g_state ON scheduler.qrtz_triggers (sched_name, trigger_group, trigger_state);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_next_fire_time ON scheduler.qrtz_triggers (sched_name, next_fire_time);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_st ON scheduler.qrtz_triggers (sched_name, trigger_state, next_fire_time);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_misfire ON scheduler.qrtz_triggers (sched_name, misfire_instr, next_fire_time);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_st_misfire
    ON scheduler.qrtz_triggers (sched_name, misfire_instr, next_fire_time, trigger_state);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_st_misfire_grp
    ON scheduler.qrtz_triggers (sched_name, misfire_instr, next_fire_time, trigger_group, trigger_state);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_trig_inst_name ON scheduler.qrtz_fired_triggers (sched_name, instance_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_inst_job_req_rcvry
    ON scheduler.qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_j_g ON scheduler.qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_jg ON scheduler.qrtz_fired_triggers (sched_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_t_g ON scheduler.qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_tg ON scheduler.qrtz_fired_triggers (sched_name, trigger_group);

-- Every run the scheduler started: from a schedule, `tributary schedule run` or a backfill. `schedule list` shows
-- the latest. outcome: running, succeeded, failed (exit code not 0), timed out, interrupted (the scheduler stopped
-- or died during the run).
CREATE TABLE IF NOT EXISTS scheduler.job_runs (
    run_id       bigserial   PRIMARY KEY,
    job          text        NOT NULL,
    run_date     date,
    requested_by text        NOT NULL,
    request_id   text        UNIQUE,
    scheduled_at timestamptz,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    exit_code    integer,
    outcome      text        NOT NULL,
    instance     text        NOT NULL,
    last_lines   text
);
CREATE INDEX IF NOT EXISTS job_runs_job_started ON scheduler.job_runs (job, started_at);

RESET ROLE;
