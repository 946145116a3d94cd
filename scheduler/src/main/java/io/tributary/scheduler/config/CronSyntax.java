package io.tributary.scheduler.config;

import io.tributary.configuration.ValueType;
import java.text.ParseException;
import org.quartz.CronExpression;

/** A Quartz cron expression as a setting's value: checked when the configuration is read, not when it first fires. */
final class CronSyntax {
    static final String EXPECTED = "seconds minutes hours day-of-month month day-of-week [year], with ? in one of the"
            + " two day fields, e.g. '0 30 0 * * ?' for 00:30 every day";

    private CronSyntax() {
    }

    static ValueType<String> type() {
        return text -> {
            String expression = text.trim().replaceAll("\\s+", " ");
            try {
                CronExpression.validateExpression(expression);
            } catch (ParseException e) {
                throw new IllegalArgumentException("is not a Quartz cron expression (" + e.getMessage() + "): write "
                        + EXPECTED);
            }
            return expression;
        };
    }
}
