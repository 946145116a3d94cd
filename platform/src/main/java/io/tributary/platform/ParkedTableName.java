package io.tributary.platform;

/** A table as the stages name it: cdc-engine by schema.table, the lake by table. */
record ParkedTableName(String schema, String table) {

    static ParkedTableName of(String given, String defaultSchema) {
        int dot = given.indexOf('.');
        if (given.isBlank() || dot == 0 || dot == given.length() - 1 || given.indexOf('.', dot + 1) >= 0
                || !given.matches("[A-Za-z0-9_.$]+")) {
            throw new IllegalArgumentException("'" + given + "' is not a table name: give it as orders or"
                    + " shop.orders");
        }
        return dot < 0 ? new ParkedTableName(defaultSchema, given)
                : new ParkedTableName(given.substring(0, dot), given.substring(dot + 1));
    }

    String qualified() {
        return schema + "." + table;
    }
}
