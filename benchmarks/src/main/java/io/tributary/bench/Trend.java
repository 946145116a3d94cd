package io.tributary.bench;

import java.util.List;

/** Least-squares slope of a series, used to tell a lag that grows from one that holds. */
public final class Trend {

    public record Point(double x, double y) {
    }

    private Trend() {
    }

    /** dy/dx of the least-squares line; NaN with fewer than two distinct x. */
    public static double slope(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        double sx = 0, sy = 0;
        for (Point p : points) {
            sx += p.x();
            sy += p.y();
        }
        double mx = sx / n, my = sy / n;
        double num = 0, den = 0;
        for (Point p : points) {
            num += (p.x() - mx) * (p.y() - my);
            den += (p.x() - mx) * (p.x() - mx);
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /**
     * A lag grows when it rises by more than {@code tolerancePerSecond} seconds per second of run time and ends above
     * {@code floorSeconds}: a lag that wobbles between 1 and 2 s has a slope but does not grow without bound.
     */
    public static boolean grows(List<Point> lagOverTime, double tolerancePerSecond, double floorSeconds) {
        double slope = slope(lagOverTime);
        if (Double.isNaN(slope) || lagOverTime.isEmpty()) {
            return false;
        }
        double last = lagOverTime.get(lagOverTime.size() - 1).y();
        return slope > tolerancePerSecond && last > floorSeconds;
    }
}
