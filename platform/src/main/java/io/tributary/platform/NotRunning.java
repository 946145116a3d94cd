package io.tributary.platform;

import io.tributary.stack.ServiceStatus;
import java.nio.file.Path;
import java.util.Locale;

/** The message of a command that needs a server the stack does not have running: which, what is seen, the fix. Pure. */
final class NotRunning {
    private NotRunning() {
    }

    static String message(String server, ServiceStatus.State state, Path dataDir, String dataDirOption) {
        String seen = switch (state) {
            case STOPPED -> "is not running";
            case DEAD -> "has died";
            case FAILED -> "has failed (the supervisor gave up on it)";
            case UNHEALTHY -> "runs but does not answer yet";
            default -> "is " + state.name().toLowerCase(Locale.ROOT);
        };
        String fix = state == ServiceStatus.State.UNHEALTHY || state == ServiceStatus.State.FAILED
                ? "see ./tributary logs " + server + dataDirOption + ", then ./tributary up" + dataDirOption
                : "start the stack with ./tributary up" + dataDirOption + " (or ./tributary demo --keep-running" + dataDirOption + ")";
        return server + " " + seen + " under " + dataDir + ": " + fix;
    }
}
