package io.tributary.stack;

import io.tributary.contracts.stage.StageEnvironment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The scheduler's login to PostgreSQL (role {@code tributary_scheduler}, owner of schema {@code scheduler}): only the
 * scheduler and the CLI's {@code schedule} get it, on top of the stack's service environment. The password goes as the
 * name of its file ({@code TRIBUTARY_SCHEDULER_PASSWORD_FILE}: the generated secret, or the file the environment
 * named), never as a value a run record would keep; a password set directly in the environment reaches the launched
 * processes by inheritance.
 */
final class SchedulerLogin {
    private SchedulerLogin() {
    }

    /** The variables for {@code environment} (the stack's) with the generated secrets in {@code secretsDir}. */
    static Map<String, String> of(Map<String, String> environment, Path secretsDir) {
        String password = StageEnvironment.Scheduler.PASSWORD;
        Map<String, String> login = new HashMap<>();
        login.put(StageEnvironment.Scheduler.USER, PostgresEndpoint.SCHEDULER_USER);
        String file = environment.getOrDefault(password + "_FILE", "");
        if (environment.getOrDefault(password, "").isEmpty()) {
            login.put(password + "_FILE", !file.isEmpty() ? file : secretsDir.resolve("scheduler_password").toString());
        }
        return Map.copyOf(login);
    }
}
