package dev.recall.progress.projection;

import dev.recall.contracts.Topics;
import dev.recall.kit.consuming.EventConsumer;
import dev.recall.kit.consuming.EventConsumers;
import dev.recall.progress.scheduling.Fsrs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the consumers (one group, {@code recall.consumer.threads} of them) that fold recall.deck-events
 * and recall.quiz-events into the projection tables: exactly-once by event id, invalid or rejected events
 * to the topic's dead-letter topic. A rebuild stops them for the switch to the rebuilt tables and starts
 * them again on them.
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

    /**
     * Consumers of the group in this instance, each with its partitions and its own connection (more than
     * the topics' 3 partitions would idle). Batches of answers run in parallel; a batch with a deck version
     * waits for them ({@link ProgressProjector#beforeBatch}).
     */
    @ConfigProperty(name = "recall.consumer.threads", defaultValue = "3")
    int threads;

    private volatile List<EventConsumer> running = List.of();

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
        if (running.isEmpty()) {
            ProgressProjector projector = new ProgressProjector(fsrs);
            List<EventConsumer> started = new ArrayList<>();
            for (int i = 0; i < Math.max(1, threads); i++) {
                started.add(consumers.start(group, TOPICS, projector));
            }
            running = List.copyOf(started);
        }
    }

    /** Stops the live consumers after their current batches; their offsets are committed. */
    synchronized void stopLive() throws InterruptedException {
        List<EventConsumer> stopping = running;
        running = List.of();
        // Side by side: each finishes its batch, commits and leaves the group (a rebuild waits for this).
        List<Thread> closing = new ArrayList<>();
        for (EventConsumer consumer : stopping) {
            Thread thread = new Thread(() -> {
                try {
                    consumers.stop(consumer);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-" + consumer.group());
            thread.start();
            closing.add(thread);
        }
        for (Thread thread : closing) {
            thread.join();
        }
    }

    boolean enabled() {
        return enabled;
    }

    String group() {
        return group;
    }

    /** Summed over this instance's consumers; LIVE while all of them are running. */
    public Counters counters() {
        List<EventConsumer> current = running;
        if (current.isEmpty()) {
            return new Counters("STOPPED", 0, 0, 0);
        }
        String status = current.stream().filter(c -> c.state() != EventConsumer.State.RUNNING).findFirst()
                .map(c -> c.state().name()).orElse("LIVE");
        return new Counters(status, current.stream().mapToLong(EventConsumer::applied).sum(),
                current.stream().mapToLong(EventConsumer::duplicates).sum(),
                current.stream().mapToLong(EventConsumer::deadLettered).sum());
    }
}
