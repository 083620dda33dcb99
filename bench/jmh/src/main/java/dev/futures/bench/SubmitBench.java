package dev.futures.bench;

import dev.futures.Future;
import dev.futures.ThreadPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Task dispatch: submit N trivial tasks, then wait for each; ours against the JDK's pool. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SubmitBench {
    @Param({"1000"})
    int tasks;

    private ThreadPoolExecutor ours;
    private ExecutorService jdk;

    @Setup(Level.Trial)
    public void setUp() {
        ours = new ThreadPoolExecutor(2);
        jdk = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ours.shutdown(true, true);
        jdk.shutdownNow();
    }

    @Benchmark
    public long futuresThreadPool() {
        List<Future<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int n = i;
            futures.add(ours.submit(() -> n));
        }
        long sum = 0;
        for (Future<Integer> future : futures) {
            sum += future.result();
        }
        return sum;
    }

    @Benchmark
    public long jdkThreadPool() throws Exception {
        List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int n = i;
            futures.add(jdk.submit(() -> n));
        }
        long sum = 0;
        for (java.util.concurrent.Future<Integer> future : futures) {
            sum += future.get();
        }
        return sum;
    }
}
