package io.tributary.lakehouse.cdc;

/** A Debezium change operation, as carried in the envelope's {@code op} field. */
public enum Op {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    READ("r"),
    TRUNCATE("t");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True for the operations that carry a full row image in {@code after}: c, u and r (snapshot read). */
    public boolean carriesRow() {
        return this == CREATE || this == UPDATE || this == READ;
    }

    public static Op fromCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown Debezium op '" + code + "': expected one of c, u, d, r, t");
    }
}
