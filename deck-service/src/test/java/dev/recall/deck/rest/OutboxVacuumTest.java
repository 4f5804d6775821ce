package dev.recall.deck.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.kit.outbox.OutboxRelay;
import dev.recall.testing.RecallServiceResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The outbox is a queue table; where PostgreSQL's autovacuum is off (this project's CI PostgreSQL), the relay
 * vacuums it itself every {@code recall.outbox.vacuum-every} deleted rows, and where it is on it leaves that to
 * autovacuum. Checked against PostgreSQL's own count of the table's manual vacuums.
 */
@QuarkusTest
@TestProfile(OutboxVacuumTest.VacuumEveryThreeRows.class)
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_deck"))
class OutboxVacuumTest {
    public static class VacuumEveryThreeRows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recall.outbox.vacuum-every", "3");
        }
    }

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Test
    void theRelayVacuumsTheOutboxWhereAutovacuumIsOff() throws SQLException {
        boolean autovacuum = "on".equals(text("SHOW autovacuum"));
        long relayBefore = relay.vacuums();
        long tableBefore = Long.parseLong(text(VACUUM_COUNT));
        long publishedBefore = relay.published();
        for (int i = 0; i < 7; i++) {
            DeckResourceTest.createDeck("Vacuumed outbox " + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.published() >= publishedBefore + 7);
        if (autovacuum) {
            assertEquals(relayBefore, relay.vacuums());
            return;
        }
        // 7 deleted rows at one vacuum per 3 after a batch: one (all in one batch) to three (one by one).
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.vacuums() - relayBefore >= 1
                && Long.parseLong(text(VACUUM_COUNT)) - tableBefore == relay.vacuums() - relayBefore);
        assertTrue(relay.vacuums() - relayBefore <= 3, "vacuums: " + (relay.vacuums() - relayBefore));
    }

    private static final String VACUUM_COUNT = "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'outbox'";

    private String text(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
