package io.tributary.platform;

import io.tributary.contracts.wal.Lsn;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One change event as one line for {@code tail}: {@code partition/offset op key=... lsn=<number> <images> (LSN X/X)}.
 * An update that carries both images shows only what it changed ({@code changed={"status": "paid" -> "shipped"}}); an
 * image longer than {@link #MAX_IMAGE} characters is trimmed, unless {@code full}. Pure.
 */
final class ChangeEventText {
    static final int MAX_IMAGE = 160;

    private ChangeEventText() {
    }

    static String of(int partition, long offset, Object key, Object value, boolean full) {
        StringBuilder sb = new StringBuilder().append(partition).append('/').append(offset).append(' ');
        if (value == null) {
            return sb.append("tombstone key=").append(text(key)).toString();
        }
        if (!(value instanceof GenericRecord envelope) || envelope.getSchema().getField("op") == null) {
            return sb.append("key=").append(text(key)).append(" value=").append(text(value)).toString();
        }
        sb.append(envelope.get("op")).append(" key=").append(text(key));
        if (envelope.get("source") instanceof GenericRecord s && s.getSchema().getField("lsn") != null
                && s.get("lsn") instanceof Number n) {
            sb.append(" lsn=").append(Lsn.format(n.longValue()));
        }
        Object before = envelope.get("before");
        Object after = envelope.get("after");
        if (!full && before instanceof GenericRecord b && after instanceof GenericRecord a) {
            sb.append(" changed=").append(trim(changes(b, a)));
        } else {
            for (String image : new String[] {"before", "after"}) {
                if (envelope.get(image) != null) {
                    String text = AvroText.of(envelope.get(image), envelope.getSchema().getField(image).schema());
                    sb.append(' ').append(image).append('=').append(full ? text : trim(text));
                }
            }
        }
        return sb.toString();
    }

    /** The columns whose values differ between the images, {@code {"col": old -> new, ...}}; {@code {}} when none. */
    static String changes(GenericRecord before, GenericRecord after) {
        StringBuilder sb = new StringBuilder("{");
        for (Schema.Field f : after.getSchema().getFields()) {
            Schema.Field old = before.getSchema().getField(f.name());
            Object was = old == null ? null : before.get(f.name());
            Object now = after.get(f.name());
            String wasText = AvroText.of(was, old == null ? f.schema() : old.schema());
            String nowText = AvroText.of(now, f.schema());
            if (old == null || !Objects.equals(wasText, nowText)) {
                sb.append(sb.length() == 1 ? "" : ", ").append('"').append(f.name()).append("\": ")
                        .append(old == null ? "(new column)" : wasText).append(" -> ").append(nowText);
            }
        }
        return sb.append('}').toString();
    }

    private static String trim(String text) {
        return text.length() <= MAX_IMAGE ? text
                : text.substring(0, MAX_IMAGE - 1) + "…(+" + (text.length() - MAX_IMAGE + 1) + " chars; --full shows all)";
    }

    private static String text(Object datum) {
        return datum instanceof GenericRecord r ? AvroText.of(r, r.getSchema()) : String.valueOf(datum);
    }
}
