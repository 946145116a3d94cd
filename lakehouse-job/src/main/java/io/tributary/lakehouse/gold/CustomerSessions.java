package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.gold.WindowKey.SessionWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Session windows per customer ({@code customer_sessions}), as plain state. A customer's counting orders are points at
 * their {@code ordered_at}; points less than the gap apart are one session, from its first point to its last plus the
 * gap. The state keeps the points of open sessions with their net totals (an update retracts the old point and adds
 * the new one), so a session is recomputed from its points whenever one changes: an added point can merge two
 * sessions, a retracted one can split a session or shrink it.
 * <p>
 * Lateness: a point whose time is before the watermark is late (kept, not applied). That rule keeps closed sessions
 * (end at or before the watermark) final without remembering them: a point at or after the watermark is at least a
 * gap after the last point of any closed session, so it can neither join nor merge one.
 */
final class CustomerSessions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The gap in microseconds: PostgreSQL's timestamps have microseconds, and a session starts at one. */
    private final long gapUs;
    /** Per customer, the points of its open sessions: (time, order) to net totals, never zero. */
    private final Map<Long, TreeMap<Point, Totals>> points = new HashMap<>();
    /** Per customer touched in the current batch, its sessions before the batch (the batch's output is the diff). */
    private transient Map<Long, List<Session>> before;

    /** One order of a customer at its order time (epoch microseconds); orders by time, then order id. */
    record Point(long atUs, long orderId) implements Comparable<Point>, Serializable {
        @Override
        public int compareTo(Point o) {
            int c = Long.compare(atUs, o.atUs);
            return c != 0 ? c : Long.compare(orderId, o.orderId);
        }
    }

    /** A session and its totals. */
    record Session(SessionWindow window, Totals totals) {
    }

    CustomerSessions(Duration gap) {
        if (gap.isZero() || gap.isNegative()) {
            throw new IllegalArgumentException("the session gap must be positive: " + gap);
        }
        this.gapUs = micros(gap);
    }

    Duration gap() {
        return Duration.of(gapUs, ChronoUnit.MICROS);
    }

    /**
     * Applies one change: retracts the before-image's point and adds the after-image's (netted first, so a change that
     * moves nothing is no change). A point before the watermark is not applied: it is returned as late.
     */
    List<LateChange> apply(OrderChange change, long watermarkMs, Instant watermark) {
        Map<List<Long>, Totals> net = new LinkedHashMap<>();
        if (change.before() != null) {
            add(net, change.before(), true);
        }
        if (change.after() != null) {
            add(net, change.after(), false);
        }
        List<LateChange> late = new ArrayList<>();
        for (Map.Entry<List<Long>, Totals> e : net.entrySet()) {
            if (e.getValue().isZero()) {
                continue;
            }
            long customer = e.getKey().get(0);
            long atUs = e.getKey().get(1);
            Instant at = instant(atUs);
            if (atUs < watermarkUs(watermarkMs)) {
                late.add(new LateChange(change.orderId(), change.op().code(), change.position(),
                        new SessionWindow(at, instant(atUs + gapUs), customer), e.getValue(), change.eventTime(),
                        watermark));
                continue;
            }
            if (before == null) {
                before = new HashMap<>();
            }
            before.computeIfAbsent(customer, this::sessionsOf);
            TreeMap<Point, Totals> own = points.computeIfAbsent(customer, c -> new TreeMap<>());
            Point point = new Point(atUs, change.orderId());
            Totals now = own.getOrDefault(point, Totals.ZERO).plus(e.getValue());
            if (now.isZero()) {
                own.remove(point);
            } else {
                own.put(point, now);
            }
            if (own.isEmpty()) {
                points.remove(customer);
            }
        }
        return late;
    }

    private static void add(Map<List<Long>, Totals> net, OrderImage image, boolean retract) {
        Totals totals = image.totals();
        if (!totals.isZero()) {
            net.merge(List.of(image.customerId(), micros(image.orderedAt())),
                    retract ? totals.negate() : totals, Totals::plus);
        }
    }

    /**
     * The sessions the batch changed, since the last call: a session gone (merged, split away or emptied) with zero
     * totals, a new or changed one with its totals. At most one entry per customer and start, so a sink keyed by
     * (customer, start) never sees a delete and an upsert of one row in one batch.
     */
    Map<WindowKey, Totals> changed() {
        Map<WindowKey, Totals> out = new LinkedHashMap<>();
        if (before == null) {
            return out;
        }
        before.forEach((customer, old) -> {
            Map<Instant, Session> now = byStart(sessionsOf(customer));
            Map<Instant, Session> was = byStart(old);
            was.forEach((start, s) -> {
                if (!now.containsKey(start)) {
                    out.put(s.window(), Totals.ZERO);
                }
            });
            now.forEach((start, s) -> {
                if (!s.equals(was.get(start))) {
                    out.put(s.window(), s.totals());
                }
            });
        });
        before = null;
        return out;
    }

    /** Drops the sessions ending at or before the watermark (their rows are final); returns how many. */
    int close(long watermarkMs) {
        long watermarkUs = watermarkUs(watermarkMs);
        int closed = 0;
        Iterator<Map.Entry<Long, TreeMap<Point, Totals>>> customers = points.entrySet().iterator();
        while (customers.hasNext()) {
            TreeMap<Point, Totals> own = customers.next().getValue();
            if (own.lastKey().atUs() + gapUs <= watermarkUs) {
                closed += sessions(0, own).size();
                customers.remove();
                continue;
            }
            for (Session s : sessions(0, own)) {
                long endUs = micros(s.window().end());
                if (endUs > watermarkUs) {
                    break;
                }
                own.headMap(new Point(endUs - gapUs, Long.MAX_VALUE), true).clear();
                closed++;
            }
        }
        return closed;
    }

    /** The open sessions of a customer, oldest first. */
    List<Session> sessionsOf(long customer) {
        TreeMap<Point, Totals> own = points.get(customer);
        return own == null ? List.of() : sessions(customer, own);
    }

    /** Every open session (a copy), for tests and the stored state's checks. */
    Map<WindowKey, Totals> openSessions() {
        Map<WindowKey, Totals> all = new HashMap<>();
        points.forEach((customer, own) -> sessions(customer, own).forEach(s -> all.put(s.window(), s.totals())));
        return all;
    }

    /** Sessions of sorted points: a point less than the gap after the previous one continues its session. */
    private List<Session> sessions(long customer, TreeMap<Point, Totals> own) {
        List<Session> out = new ArrayList<>();
        long start = 0;
        long last = 0;
        Totals sum = null;
        for (Map.Entry<Point, Totals> p : own.entrySet()) {
            long at = p.getKey().atUs();
            if (sum != null && at - last >= gapUs) {
                emit(out, customer, start, last, sum);
                sum = null;
            }
            if (sum == null) {
                start = at;
                sum = Totals.ZERO;
            }
            last = at;
            sum = sum.plus(p.getValue());
        }
        if (sum != null) {
            emit(out, customer, start, last, sum);
        }
        return out;
    }

    private void emit(List<Session> out, long customer, long start, long last, Totals sum) {
        out.add(new Session(new SessionWindow(instant(start), instant(last + gapUs), customer), sum));
    }

    /** The watermark in microseconds; {@link Long#MIN_VALUE} (none yet) stays that. */
    private static long watermarkUs(long watermarkMs) {
        return watermarkMs == Long.MIN_VALUE ? Long.MIN_VALUE : watermarkMs * 1000;
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static Map<Instant, Session> byStart(List<Session> sessions) {
        Map<Instant, Session> map = new LinkedHashMap<>();
        sessions.forEach(s -> map.put(s.window().start(), s));
        return map;
    }
}
