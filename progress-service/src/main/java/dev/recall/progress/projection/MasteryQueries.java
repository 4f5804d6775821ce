package dev.recall.progress.projection;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.kit.jdbc.Transactions;
import dev.recall.progress.mastery.ItemProgress;
import dev.recall.progress.mastery.Mastery;
import dev.recall.progress.mastery.MasteryCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the projections; one statement, so the deck version and the learner's rows agree. */
@ApplicationScoped
public class MasteryQueries {
    private static final String MASTERY = "SELECT d.latest_version, i.item_id, i.kind, i.level, i.concepts, "
            + "COALESCE(li.attempts, 0), COALESCE(li.correct, 0) "
            + "FROM decks d "
            + "LEFT JOIN deck_version_items i ON i.deck_id = d.deck_id AND i.version = d.latest_version "
            + "LEFT JOIN learner_items li ON li.learner_id = ? AND li.deck_id = i.deck_id AND li.item_id = i.item_id "
            + "WHERE d.deck_id = ? "
            + "ORDER BY i.position";

    @Inject
    DataSource dataSource;

    /** Empty when no published version of the deck has reached progress-service. */
    public Optional<Mastery> mastery(String learnerId, UUID deckId) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(MASTERY)) {
                select.setString(1, learnerId);
                select.setObject(2, deckId);
                try (ResultSet rs = select.executeQuery()) {
                    Integer version = null;
                    List<ItemProgress> items = new ArrayList<>();
                    while (rs.next()) {
                        version = rs.getInt(1);
                        UUID itemId = rs.getObject(2, UUID.class);
                        if (itemId != null) {
                            items.add(new ItemProgress(itemId, ItemKind.valueOf(rs.getString(3)),
                                    Level.fromWire(rs.getString(4)), strings(rs.getArray(5)), rs.getInt(6),
                                    rs.getInt(7)));
                        }
                    }
                    return version == null ? Optional.<Mastery>empty()
                            : Optional.of(MasteryCalculator.compute(learnerId, deckId, version, items));
                }
            }
        });
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
