package dev.recall.progress.projection;

import dev.recall.kit.jdbc.Transactions;
import dev.recall.progress.analysis.ItemAnalysis;
import dev.recall.progress.analysis.ItemAnalysis.AnalysedItem;
import dev.recall.progress.analysis.ItemAnalysis.ScoredAnswer;
import dev.recall.progress.analysis.ItemStatsReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads a deck's answers from every learner for item analysis. */
@ApplicationScoped
public class ItemStatsQueries {
    @Inject
    DataSource dataSource;

    /** Empty when progress-service has neither a version of the deck nor an answer to it. */
    public Optional<ItemStatsReport> itemStats(UUID deckId) {
        return Transactions.inTransaction(dataSource, connection -> {
            Integer version = null;
            List<AnalysedItem> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT d.latest_version, i.item_id, i.kind, "
                    + "i.level, i.option_ids, i.correct_option_ids FROM decks d JOIN deck_version_items i "
                    + "ON i.deck_id = d.deck_id AND i.version = d.latest_version WHERE d.deck_id = ? "
                    + "ORDER BY i.position")) {
                select.setObject(1, deckId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        version = rs.getInt(1);
                        items.add(new AnalysedItem(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                strings(rs.getArray(5)), strings(rs.getArray(6))));
                    }
                }
            }
            List<ScoredAnswer> answers = new ArrayList<>();
            Set<UUID> sessions = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT session_id, item_id, score, selected, "
                    + "latency_ms FROM answers WHERE deck_id = ? ORDER BY answered_at, answer_id")) {
                select.setObject(1, deckId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Long latency = rs.getObject(5, Long.class);
                        answers.add(new ScoredAnswer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getDouble(3), strings(rs.getArray(4)), latency));
                        sessions.add(answers.get(answers.size() - 1).sessionId());
                    }
                }
            }
            if (version == null && answers.isEmpty()) {
                return Optional.<ItemStatsReport>empty();
            }
            return Optional.of(new ItemStatsReport(deckId, version, sessions.size(), answers.size(),
                    ItemAnalysis.analyse(items, answers)));
        });
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}
