package io.tributary.console;

import io.tributary.console.lake.LakeLocation;
import io.tributary.console.lake.ObjectStore;
import io.tributary.console.lake.S3ObjectStore;
import java.util.Optional;
import java.util.function.Supplier;

/** The S3 client of the lake the sources name now: made on first use, kept while the location stays the same. */
final class LakeStores {
    private final Supplier<Optional<LakeLocation>> location;
    private LakeLocation current;
    private S3ObjectStore store;

    LakeStores(Supplier<Optional<LakeLocation>> location) {
        this.location = location;
    }

    synchronized Optional<ObjectStore> current() {
        Optional<LakeLocation> now = location.get();
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (store == null || !now.get().equals(current)) {
            if (store != null) {
                store.close();
            }
            store = S3ObjectStore.of(now.get());
            current = now.get();
        }
        return Optional.of(store);
    }
}
