package dev.recall.quiz.catalogue;

import dev.recall.contracts.Topics;
import dev.recall.kit.consuming.EventConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Feeds the catalogue from recall.deck-events, exactly once in effect. */
@ApplicationScoped
public class DeckEventsListener {
    @Inject
    DataSource dataSource;

    @Inject
    Catalogue catalogue;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "recall.consumer.enabled", defaultValue = "true")
    boolean enabled;

    private EventConsumer consumer;

    void start(@Observes StartupEvent event) {
        if (enabled) {
            consumer = new EventConsumer(bootstrapServers, "quiz-service", List.of(Topics.DECK_EVENTS), dataSource,
                    catalogue::apply).start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
    }
}
