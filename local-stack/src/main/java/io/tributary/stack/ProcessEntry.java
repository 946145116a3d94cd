package io.tributary.stack;

/**
 * What the stack knows about one process name (a server id or a launched stage): the process, if one runs or ran,
 * whether this handle started it, how to launch it again, and its supervision facts (which outlive a deliberate
 * stop and start within one handle).
 *
 * @param process     the process, or null when none is known
 * @param owned       started by this handle, so stopped by its {@link LocalStack#close()} (servers only)
 * @param launch      how a stage was launched (null for servers, which the stack knows)
 * @param oneShot     a stage meant to exit once its job is done
 * @param supervision restarts, last exit code, paused, failure
 */
record ProcessEntry(String name, ManagedProcess process, boolean owned, ModuleLaunch launch, boolean oneShot,
        Supervision supervision) {

    static ProcessEntry named(String name) {
        return new ProcessEntry(name, null, false, null, false, Supervision.NONE);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    ProcessEntry withProcess(ManagedProcess newProcess) {
        return new ProcessEntry(name, newProcess, owned, launch, oneShot, supervision);
    }

    ProcessEntry withOwned(boolean value) {
        return new ProcessEntry(name, process, value, launch, oneShot, supervision);
    }

    ProcessEntry withLaunch(ModuleLaunch how) {
        return new ProcessEntry(name, process, owned, how, oneShot, supervision);
    }

    ProcessEntry withOneShot(boolean value) {
        return new ProcessEntry(name, process, owned, launch, value, supervision);
    }

    ProcessEntry with(Supervision s) {
        return new ProcessEntry(name, process, owned, launch, oneShot, s);
    }
}
