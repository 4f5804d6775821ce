package dev.recall.progress.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidSetTest {
    @Test
    void agreesWithAHashSetThroughGrowthDuplicatesAndTheZeroUuid() {
        Random random = new Random(7);
        UuidSet set = new UuidSet();
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            // a small id space gives duplicates; sequential and name-based shapes cluster in few bits
            UUID id = switch (i % 4) {
                case 0 -> new UUID(random.nextInt(3_000), random.nextInt(3));
                case 1 -> UUID.nameUUIDFromBytes(Integer.toString(random.nextInt(5_000)).getBytes());
                case 2 -> new UUID(0, 0);
                default -> new UUID(random.nextLong(), random.nextLong());
            };
            assertEquals(expected.add(id), set.add(id), "add " + id);
            assertEquals(expected.size(), set.size());
        }
        for (UUID id : expected) {
            assertTrue(set.contains(id), "contains " + id);
        }
        assertFalse(set.contains(new UUID(3_000, 0)));
        assertFalse(set.contains(UUID.nameUUIDFromBytes("not added".getBytes())));
    }
}
