package dev.futures.bench;

import dev.futures.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** One future's life as an executor drives it, and its callbacks. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FutureBench {

    /** PENDING -> RUNNING -> FINISHED, then result(): what every task costs on top of its work. */
    @Benchmark
    public Object completeAndRead() {
        Future<Object> future = new Future<>();
        future.setRunningOrNotifyCancel();
        future.setResult("x");
        return future.result();
    }

    /** The same with one done callback (as_completed's and the daemon's journal's hook). */
    @Benchmark
    public void completeWithOneCallback(Blackhole hole) {
        Future<Object> future = new Future<>();
        future.addDoneCallback(hole::consume);
        future.setRunningOrNotifyCancel();
        future.setResult("x");
    }

    /** Four done callbacks and a running callback: callback dispatch itself. */
    @Benchmark
    public void completeWithFiveCallbacks(Blackhole hole) {
        Future<Object> future = new Future<>();
        future.addRunningCallback(() -> hole.consume(1));
        for (int i = 0; i < 4; i++) {
            future.addDoneCallback(hole::consume);
        }
        future.setRunningOrNotifyCancel();
        future.setResult("x");
    }
}
