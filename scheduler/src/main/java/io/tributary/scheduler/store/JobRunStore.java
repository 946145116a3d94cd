package io.tributary.scheduler.store;

import io.tributary.configuration.PostgresConnectionSettings;
import io.tributary.scheduler.config.SchedulerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The run history, {@code scheduler.job_runs}: a row when a run starts, completed when it ends. */
public final class JobRunStore {
    private static final String COLUMNS = "run_id, job, run_date, requested_by, request_id, scheduled_at, started_at,"
            + " ended_at, exit_code, outcome, instance, last_lines";

    private final PostgresConnectionSettings login;

    public JobRunStore(PostgresConnectionSettings login) {
        this.login = login;
    }

    /**
     * Records that a run starts and returns its id. A request run again (a scheduler took over the run of one that
     * died) keeps its one row, started anew.
     */
    public long started(String job, LocalDate date, String requestedBy, String requestId, Instant scheduledAt,
            Instant startedAt, String instance) throws SQLException {
        String sql = "INSERT INTO scheduler.job_runs (job, run_date, requested_by, request_id, scheduled_at, started_at,"
                + " outcome, instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (request_id) DO UPDATE SET started_at = EXCLUDED.started_at, ended_at = NULL,"
                + " exit_code = NULL, last_lines = NULL, outcome = EXCLUDED.outcome, instance = EXCLUDED.instance,"
                + " requested_by = EXCLUDED.requested_by RETURNING run_id";
        try (Connection c = login.connect(SchedulerConfig.APPLICATION_NAME); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, job);
            st.setObject(2, date, Types.DATE);
            st.setString(3, requestedBy);
            st.setString(4, requestId);
            st.setTimestamp(5, scheduledAt == null ? null : Timestamp.from(scheduledAt));
            st.setTimestamp(6, Timestamp.from(startedAt));
            st.setString(7, RunOutcome.RUNNING.text());
            st.setString(8, instance);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records the end of run {@code id}. */
    public void ended(long id, Instant endedAt, Integer exitCode, RunOutcome outcome, String lastLines) throws SQLException {
        try (Connection c = login.connect(SchedulerConfig.APPLICATION_NAME); PreparedStatement st = c.prepareStatement("UPDATE scheduler.job_runs SET"
                + " ended_at = ?, exit_code = ?, outcome = ?, last_lines = ? WHERE run_id = ?")) {
            st.setTimestamp(1, Timestamp.from(endedAt));
            if (exitCode == null) {
                st.setNull(2, Types.INTEGER);
            } else {
                st.setInt(2, exitCode);
            }
            st.setString(3, outcome.text());
            st.setString(4, lastLines);
            st.setLong(5, id);
            st.executeUpdate();
        }
    }

    /**
     * Marks the runs of {@code job} still recorded as running as interrupted: called when a run of it starts, which
     * the store allows only when no other runs (one job runs once at a time across the cluster), so such a row is
     * left by a scheduler that stopped or died during the run. Returns how many there were.
     */
    public int interruptLeftovers(String job, Instant now) throws SQLException {
        try (Connection c = login.connect(SchedulerConfig.APPLICATION_NAME); PreparedStatement st = c.prepareStatement("UPDATE scheduler.job_runs SET"
                + " outcome = ?, ended_at = ? WHERE job = ? AND outcome = ?")) {
            st.setString(1, RunOutcome.INTERRUPTED.text());
            st.setTimestamp(2, Timestamp.from(now));
            st.setString(3, job);
            st.setString(4, RunOutcome.RUNNING.text());
            return st.executeUpdate();
        }
    }

    /** The latest {@code limit} runs, newest first; only those of {@code job} unless it is null. */
    public List<JobRun> latest(String job, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM scheduler.job_runs" + (job == null ? "" : " WHERE job = ?")
                + " ORDER BY started_at DESC, run_id DESC LIMIT ?";
        try (Connection c = login.connect(SchedulerConfig.APPLICATION_NAME); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            if (job != null) {
                st.setString(i++, job);
            }
            st.setInt(i, limit);
            return read(st);
        }
    }

    /** The run of a request ({@code schedule run}, one day of a backfill), once a scheduler has started it. */
    public Optional<JobRun> ofRequest(String requestId) throws SQLException {
        try (Connection c = login.connect(SchedulerConfig.APPLICATION_NAME);
                PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM scheduler.job_runs WHERE request_id = ?")) {
            st.setString(1, requestId);
            return read(st).stream().findFirst();
        }
    }

    private static List<JobRun> read(PreparedStatement st) throws SQLException {
        List<JobRun> runs = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                LocalDate date = rs.getObject("run_date", LocalDate.class);
                int exit = rs.getInt("exit_code");
                Integer exitCode = rs.wasNull() ? null : exit;
                runs.add(new JobRun(rs.getLong("run_id"), rs.getString("job"), date,
                        rs.getString("requested_by"), rs.getString("request_id"), instant(rs, "scheduled_at"),
                        instant(rs, "started_at"), instant(rs, "ended_at"), exitCode,
                        RunOutcome.ofText(rs.getString("outcome")), rs.getString("instance"), rs.getString("last_lines")));
            }
        }
        return runs;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
