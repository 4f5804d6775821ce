package dev.recall.progress.projection;

import dev.recall.contracts.Topics;
import dev.recall.kit.consuming.EventConsumer;
import dev.recall.kit.consuming.EventConsumers;
import dev.recall.progress.scheduling.Fsrs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the one consumer that folds recall.deck-events and recall.quiz-events into the projection
 * tables: exactly-once by event id, invalid or rejected events to the topic's dead-letter topic.
 * A rebuild stops it for the switch to the rebuilt tables and starts it again on them.
 */
@ApplicationScoped
public class ProjectionConsumer {
    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);
    static final List<String> TOPICS = List.of(Topics.DECK_EVENTS, Topics.QUIZ_EVENTS);

    @Inject
    EventConsumers consumers;

    @Inject
    Fsrs fsrs;

    @ConfigProperty(name = "recall.consumer.group", defaultValue = "progress-service")
    String group;

    @ConfigProperty(name = "recall.consumer.enabled", defaultValue = "true")
    boolean enabled;

    private volatile EventConsumer consumer;

    /** The live consumer's state and its counters since it (re)started. */
    public record Counters(String status, long eventsApplied, long duplicatesSkipped, long deadLettered) {
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("recall.consumer.enabled=false: the projections are not being updated");
            return;
        }
        startLive();
    }

    synchronized void startLive() {
        if (consumer == null) {
            consumer = consumers.start(group, TOPICS, new ProgressProjector(fsrs));
        }
    }

    /** Stops the live consumer after its current batch; its offsets are committed. */
    synchronized void stopLive() throws InterruptedException {
        EventConsumer running = consumer;
        consumer = null;
        if (running != null) {
            consumers.stop(running);
        }
    }

    boolean enabled() {
        return enabled;
    }

    String group() {
        return group;
    }

    public Counters counters() {
        EventConsumer running = consumer;
        if (running == null) {
            return new Counters("STOPPED", 0, 0, 0);
        }
        String status = running.state() == EventConsumer.State.RUNNING ? "LIVE" : running.state().name();
        return new Counters(status, running.applied(), running.duplicates(), running.deadLettered());
    }
}
