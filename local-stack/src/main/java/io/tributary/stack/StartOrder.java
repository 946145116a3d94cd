package io.tributary.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order in which servers start (what each one depends on first) and stop (dependents before what they depend
 * on). The servers are registered dependencies first; a server that depends on one registered after it is refused.
 *
 * @param <T> what identifies a server ({@link Service} in the stack)
 */
final class StartOrder<T> {
    private final List<T> registered;
    private final Function<T, List<T>> dependencies;

    StartOrder(List<T> registered, Function<T, List<T>> dependencies) {
        this.registered = List.copyOf(registered);
        this.dependencies = dependencies;
        for (int i = 0; i < this.registered.size(); i++) {
            T server = this.registered.get(i);
            List<T> before = this.registered.subList(0, i);
            for (T dependency : dependencies.apply(server)) {
                if (!before.contains(dependency)) {
                    throw new IllegalArgumentException(server + " depends on " + dependency
                            + ", which is not registered before it; register the servers dependencies first");
                }
            }
        }
    }

    /** {@code wanted} and everything they depend on, each once, every dependency before its dependents, else as asked. */
    List<T> toStart(Collection<T> wanted) {
        Set<T> order = new LinkedHashSet<>();
        wanted.forEach(server -> add(server, order));
        return List.copyOf(order);
    }

    private void add(T server, Set<T> order) {
        if (order.contains(server)) {
            return;
        }
        dependencies.apply(server).forEach(dependency -> add(dependency, order));
        order.add(server);
    }

    /** Those of {@code running} in the order to stop them: the reverse of the registration order. */
    List<T> toStop(Collection<T> running) {
        List<T> order = new ArrayList<>(registered);
        Collections.reverse(order);
        order.retainAll(running);
        return List.copyOf(order);
    }
}
