package dev.recall.quiz.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Group commit: callers hand their work over and get a stage; a few writer threads each take what has queued up
 * (in arrival order, at most {@code maxGroup}) and do it together, in one transaction. A job that finds a
 * writer idle is done alone, at once, so an idle service answers as fast as without grouping; under load,
 * one transaction, one commit and a few round trips serve many callers.
 *
 * <p>{@code together} returns one outcome per job, in order: its result, or the {@link RuntimeException}
 * that refuses it alone (thrown to that caller only). If {@code together} itself throws (the transaction
 * failed), every job of the group is done again {@code alone}, so that each caller gets the outcome it
 * would have had without grouping.
 */
final class GroupCommit<T, R> implements AutoCloseable {
    private final BlockingQueue<Job<T, R>> queue = new LinkedBlockingQueue<>();
    private final Function<T, R> alone;
    private final Function<List<T>, List<Object>> together;
    private final int maxGroup;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();
    private final AtomicInteger largest = new AtomicInteger();
    private volatile boolean open = true;

    private record Job<T, R>(T work, CompletableFuture<R> done) {
    }

    GroupCommit(String name, int writers, int maxGroup, Function<T, R> alone,
            Function<List<T>, List<Object>> together) {
        if (writers < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("writers and maxGroup must be at least 1");
        }
        this.alone = alone;
        this.together = together;
        this.maxGroup = maxGroup;
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::write, name + "-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /**
     * Hands {@code work} to the writers (alone or in a group) without waiting: the stage completes, on a writer
     * thread, with its result or with what refused it.
     */
    CompletableFuture<R> submit(T work) {
        if (!open) {
            return CompletableFuture.failedFuture(new IllegalStateException("the service is shutting down"));
        }
        Job<T, R> job = new Job<>(work, new CompletableFuture<>());
        queue.add(job);
        if (!open) { // closed meanwhile: the writers may have drained the queue already
            failLeftovers();
        }
        return job.done();
    }

    /** Groups of more than one job done together since start, the jobs in them, and the largest. */
    long groups() {
        return groups.get();
    }

    long grouped() {
        return grouped.get();
    }

    int largest() {
        return largest.get();
    }

    private void write() {
        List<Job<T, R>> group = new ArrayList<>(maxGroup);
        while (open) {
            try {
                Job<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.clear();
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable unexpected) {
                group.forEach(job -> job.done().completeExceptionally(unexpected));
            }
        }
        failLeftovers();
    }

    /** Fails every job no writer will take: the writers stop taking jobs once closed. */
    private void failLeftovers() {
        for (Job<T, R> job = queue.poll(); job != null; job = queue.poll()) {
            job.done().completeExceptionally(new IllegalStateException("the service is shutting down"));
        }
    }

    @SuppressWarnings("unchecked")
    private void write(List<Job<T, R>> group) {
        if (group.size() == 1) {
            writeAlone(group.get(0));
            return;
        }
        List<Object> outcomes;
        try {
            outcomes = together.apply(group.stream().map(Job::work).toList());
        } catch (RuntimeException groupFailed) {
            group.forEach(this::writeAlone);
            return;
        }
        groups.incrementAndGet();
        grouped.addAndGet(group.size());
        largest.accumulateAndGet(group.size(), Math::max);
        for (int i = 0; i < group.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof RuntimeException refused) {
                group.get(i).done().completeExceptionally(refused);
            } else {
                group.get(i).done().complete((R) outcome);
            }
        }
    }

    private void writeAlone(Job<T, R> job) {
        try {
            job.done().complete(alone.apply(job.work()));
        } catch (RuntimeException refused) {
            job.done().completeExceptionally(refused);
        }
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        for (Thread writer : writers) {
            writer.join(10_000);
        }
    }
}
