package io.tributary.lakehouse.cdc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test builders for changes of a table {@code (id, name, note)} keyed by {@code id}. */
final class Changes {

    static final List<String> KEY = List.of("id");
    static final List<String> COLUMNS = List.of("id", "name", "note");

    private Changes() {
    }

    static Change upsert(Op op, int id, long lsn, long position, String name, String note) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("note", note);
        return new Change(List.of(id), op, lsn, position, values, Set.of(), lsn * 10);
    }

    static Change insert(int id, long lsn, String name) {
        return upsert(Op.CREATE, id, lsn, lsn, name, "n-" + name);
    }

    static Change update(int id, long lsn, String name) {
        return upsert(Op.UPDATE, id, lsn, lsn, name, "n-" + name);
    }

    static Change toastUpdate(int id, long lsn, String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("note", null);
        return new Change(List.of(id), Op.UPDATE, lsn, lsn, values, Set.of("note"), lsn * 10);
    }

    static Change delete(int id, long lsn) {
        return new Change(List.of(id), Op.DELETE, lsn, lsn, Map.of(), Set.of(), lsn * 10);
    }

    static Change truncate(long lsn) {
        return new Change(List.of(), Op.TRUNCATE, lsn, lsn, Map.of(), Set.of(), lsn * 10);
    }

    static SilverRow stored(int id, long lsn, String name, String note) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("note", note);
        return new SilverRow(values, lsn, lsn, Op.CREATE, false, lsn * 10);
    }

    static SilverRow storedTombstone(int id, long lsn) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", null);
        values.put("note", null);
        return new SilverRow(values, lsn, lsn, Op.DELETE, true, lsn * 10);
    }
}
