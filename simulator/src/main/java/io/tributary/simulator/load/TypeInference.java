package io.tributary.simulator.load;

/**
 * Infers one column's type from the values it has seen. Pure: feed it values with {@link #observe},
 * read {@link #result()}. Rules (see docs/simulator.md):
 * <ul>
 *   <li>null (empty cell) says nothing; a column with no values at all is text;</li>
 *   <li>true/false (any case) -> boolean;</li>
 *   <li>canonical integers (no leading zeros, no plus sign) -> integer if all fit 32 bits, else bigint,
 *       else numeric;</li>
 *   <li>canonical decimals, possibly mixed with integers -> numeric(p,s): s = the most decimals seen,
 *       p = max(10, integer digits + s + 2) so values can grow a little;</li>
 *   <li>yyyy-MM-dd dates that exist -> date; ISO timestamps with an offset -> timestamptz;</li>
 *   <li>anything else, or a mix of the above kinds -> text.</li>
 * </ul>
 */
public final class TypeInference {

    static final int MIN_NUMERIC_PRECISION = 10;
    static final int NUMERIC_HEADROOM = 2;

    private boolean maybeBoolean = true;
    private boolean maybeInteger = true;
    private boolean maybeBigint = true;
    private boolean maybeNumeric = true;
    private boolean maybeDate = true;
    private boolean maybeTimestamptz = true;
    private int integerDigits;
    private int scale;
    private long values;

    /** Infers the type of all {@code values} (nulls allowed). */
    public static SqlType infer(Iterable<String> values) {
        TypeInference inference = new TypeInference();
        for (String v : values) {
            inference.observe(v);
        }
        return inference.result();
    }

    public void observe(String value) {
        if (value == null) {
            return;
        }
        values++;
        if (maybeBoolean && !ValueSyntax.isBooleanWord(value)) {
            maybeBoolean = false;
        }
        if (maybeNumeric) {
            ValueSyntax.Decimal d = ValueSyntax.canonicalDecimal(value);
            if (d == null) {
                maybeNumeric = false;
                maybeBigint = false;
                maybeInteger = false;
            } else {
                integerDigits = Math.max(integerDigits, d.integerDigits());
                scale = Math.max(scale, d.scale());
                if (!d.integral()) {
                    maybeInteger = false;
                    maybeBigint = false;
                } else if (d.integerDigits() > 9) { // up to 9 digits always fit 32 bits
                    if (maybeInteger && !ValueSyntax.fitsInt(value)) {
                        maybeInteger = false;
                    }
                    if (maybeBigint && !ValueSyntax.fitsLong(value)) {
                        maybeBigint = false;
                    }
                }
            }
        }
        if (maybeDate && !ValueSyntax.isDate(value)) {
            maybeDate = false;
        }
        if (maybeTimestamptz && !ValueSyntax.isTimestamptz(value)) {
            maybeTimestamptz = false;
        }
    }

    /** How many non-null values were observed. */
    public long nonNullValues() {
        return values;
    }

    public SqlType result() {
        if (values == 0) {
            return SqlType.TEXT;
        }
        if (maybeBoolean) {
            return SqlType.BOOLEAN;
        }
        if (maybeInteger) {
            return SqlType.INTEGER;
        }
        if (maybeBigint) {
            return SqlType.BIGINT;
        }
        if (maybeNumeric) {
            int precision = Math.max(MIN_NUMERIC_PRECISION, integerDigits + scale + NUMERIC_HEADROOM);
            if (precision > SqlType.MAX_NUMERIC_PRECISION) {
                return SqlType.TEXT;
            }
            return SqlType.numeric(precision, scale);
        }
        if (maybeDate) {
            return SqlType.DATE;
        }
        if (maybeTimestamptz) {
            return SqlType.TIMESTAMPTZ;
        }
        return SqlType.TEXT;
    }
}
