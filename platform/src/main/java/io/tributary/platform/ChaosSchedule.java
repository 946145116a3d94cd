package io.tributary.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The seeded fault plan of a chaos run: {@code count} faults at moments spread over the storm (one per equal slot of
 * the middle 90 % of the duration, at a seeded offset within its slot), kinds dealt from shuffled decks of every kind
 * (so that every kind occurs once before any repeats), and per fault a seeded parameter (the in-batch kill's delay, the
 * poison bytes). The same seed gives the same plan; pure, so it is unit-tested.
 */
final class ChaosSchedule {
    /** One planned fault: when (from the start of the storm), what, and its own seed. */
    record Planned(Duration at, ChaosFault fault, long seed) {
    }

    private ChaosSchedule() {
    }

    static List<Planned> plan(long seed, int count, Duration duration, List<ChaosFault> kinds) {
        if (count < 0) {
            throw new IllegalArgumentException("--kills must be >= 0, got " + count);
        }
        if (kinds.isEmpty() && count > 0) {
            throw new IllegalArgumentException("no fault kinds to choose from");
        }
        Random random = new Random(seed);
        long begin = duration.toMillis() / 20;
        long span = duration.toMillis() - 2 * begin;
        List<ChaosFault> deck = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (deck.isEmpty()) {
                deck.addAll(kinds);
                Collections.shuffle(deck, random);
            }
            long slotStart = begin + span * i / count;
            long slotLength = Math.max(1, span / count);
            long at = slotStart + (long) (random.nextDouble() * slotLength);
            plan.add(new Planned(Duration.ofMillis(at), deck.remove(deck.size() - 1), random.nextLong()));
        }
        plan.sort(Comparator.comparing(Planned::at));
        return List.copyOf(plan);
    }
}
