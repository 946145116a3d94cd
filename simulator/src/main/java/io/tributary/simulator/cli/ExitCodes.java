package io.tributary.simulator.cli;

/** Process exit codes of the simulator. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Database or other runtime failure (message says what). */
    public static final int FAILURE = 1;
    /** Invalid command line or configuration (picocli's default for usage errors). */
    public static final int USAGE = 2;
    /** An input CSV file is invalid; nothing was created for it. */
    public static final int BAD_INPUT = 3;

    private ExitCodes() {
    }
}
