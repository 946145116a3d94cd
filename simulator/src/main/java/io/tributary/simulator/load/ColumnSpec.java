package io.tributary.simulator.load;

/** A column to create: its name, type and whether the type came from {@code --types}. */
public record ColumnSpec(Identifier name, SqlType type, boolean explicit) {

    public String ddl() {
        return name.quoted() + " " + type.sql();
    }
}
