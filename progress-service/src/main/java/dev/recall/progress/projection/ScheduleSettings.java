package dev.recall.progress.projection;

import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.FsrsParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The FSRS-6 scheduler with this instance's settings. Changing them changes the schedules of answers
 * folded from then on; a rebuild reschedules everything with the new settings.
 */
@ApplicationScoped
public class ScheduleSettings {
    @ConfigProperty(name = "recall.fsrs.desired-retention", defaultValue = "0.9")
    double desiredRetention;

    @ConfigProperty(name = "recall.fsrs.maximum-interval", defaultValue = "36500")
    int maximumInterval;

    @ConfigProperty(name = "recall.fsrs.learning-steps", defaultValue = "1m,10m")
    List<String> learningSteps;

    @ConfigProperty(name = "recall.fsrs.relearning-steps", defaultValue = "10m")
    List<String> relearningSteps;

    @Produces
    @Singleton
    Fsrs fsrs() {
        return new Fsrs(new FsrsParameters(FsrsParameters.DEFAULT_WEIGHTS, desiredRetention, maximumInterval,
                steps(learningSteps), steps(relearningSteps)));
    }

    private static List<Integer> steps(List<String> steps) {
        return steps.stream().filter(step -> !step.isBlank()).map(FsrsParameters::parseStep).toList();
    }
}
