package io.tributary.cdc.slot;

import java.util.List;

/** Whether a topic is a change topic {@code <prefix>.<schema>.<table>} of one of the captured schemas. */
final class ChangeTopicName {
    private ChangeTopicName() {
    }

    static boolean isChangeTopic(String topic, String prefix, List<String> schemas) {
        if (!topic.startsWith(prefix + ".")) {
            return false;
        }
        String[] parts = topic.substring(prefix.length() + 1).split("\\.", -1);
        return parts.length == 2 && schemas.contains(parts[0]) && !parts[1].isEmpty();
    }
}
