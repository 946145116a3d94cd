package io.tributary.lakehouse.decode;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Which column types hold every value of another without loss, as Delta type widening allows them: byte, short, int,
 * long upwards, float to double, a decimal to one with at least as many integer and fraction digits, date to
 * timestamp_ntz. Decoding uses it to give a batch that mixes schema versions the wider type of a column; silver's
 * schema evolution to widen a stored column.
 */
public final class TypeWidening {

    private TypeWidening() {
    }

    /** True when a column of type {@code from} can become {@code to} with every value kept. */
    public static boolean canWiden(DataType from, DataType to) {
        if (from.equals(to)) {
            return true;
        }
        int fromRank = integralRank(from);
        int toRank = integralRank(to);
        if (fromRank >= 0 && toRank >= 0) {
            return fromRank < toRank;
        }
        if (from.equals(DataTypes.FloatType) && to.equals(DataTypes.DoubleType)) {
            return true;
        }
        if (from.equals(DataTypes.DateType) && to.equals(DataTypes.TimestampNTZType)) {
            return true;
        }
        if (from instanceof DecimalType a && to instanceof DecimalType b) {
            return b.scale() >= a.scale() && b.precision() - b.scale() >= a.precision() - a.scale();
        }
        return false;
    }

    /**
     * True when {@code from} values become text exactly as PostgreSQL prints them after an {@code ALTER COLUMN ...
     * TYPE text} (integers, decimals and dates print alike in Spark and PostgreSQL; floats, booleans, timestamps and
     * binary do not, or not for every value).
     */
    public static boolean printsAsPostgresText(DataType from) {
        return integralRank(from) >= 0 || from instanceof DecimalType || from.equals(DataTypes.DateType);
    }

    /** The type that holds the values of both: {@code preferred} unless {@code other} is strictly wider. */
    public static DataType wider(DataType preferred, DataType other) {
        return !preferred.equals(other) && canWiden(preferred, other) ? other : preferred;
    }

    private static int integralRank(DataType t) {
        if (t.equals(DataTypes.ByteType)) {
            return 0;
        }
        if (t.equals(DataTypes.ShortType)) {
            return 1;
        }
        if (t.equals(DataTypes.IntegerType)) {
            return 2;
        }
        if (t.equals(DataTypes.LongType)) {
            return 3;
        }
        return -1;
    }
}
