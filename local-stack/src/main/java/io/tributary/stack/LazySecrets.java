package io.tributary.stack;

import java.util.function.Supplier;

/** The stack's secrets, read (or generated) on first use, so {@code status} of an empty data dir writes nothing. */
final class LazySecrets implements Supplier<StackSecrets> {
    private final SecretStore store;
    private StackSecrets resolved;

    LazySecrets(SecretStore store) {
        this.store = store;
    }

    @Override
    public synchronized StackSecrets get() {
        if (resolved == null) {
            resolved = StackSecrets.resolve(store);
        }
        return resolved;
    }
}
