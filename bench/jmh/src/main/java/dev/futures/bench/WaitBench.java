package dev.futures.bench;

import dev.futures.AsCompletedIterator;
import dev.futures.Future;
import dev.futures.Futures;
import dev.futures.ReturnWhen;
import java.time.Duration;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * wait and as_completed over many futures: when all are done already (the fast path), and when
 * another thread completes them while the caller waits (the waiter path: one wake-up per
 * completion for as_completed).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WaitBench {
    @Param({"1000"})
    int futures;

    private List<Future<Object>> done;
    private ExecutorService completer;

    @Setup(Level.Trial)
    public void setUp() {
        done = new ArrayList<>();
        for (int i = 0; i < futures; i++) {
            Future<Object> future = new Future<>();
            future.setResult(i);
            done.add(future);
        }
        completer = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        completer.shutdownNow();
    }

    private List<Future<Object>> completedElsewhere() {
        List<Future<Object>> pending = new ArrayList<>(futures);
        for (int i = 0; i < futures; i++) {
            pending.add(new Future<>());
        }
        completer.execute(() -> {
            for (Future<Object> future : pending) {
                future.setRunningOrNotifyCancel();
                future.setResult("x");
            }
        });
        return pending;
    }

    @Benchmark
    public Object waitAllDoneAlready() {
        return Futures.wait(done, null, ReturnWhen.ALL_COMPLETED);
    }

    @Benchmark
    public void asCompletedDoneAlready(Blackhole hole) {
        try (AsCompletedIterator<Future<Object>> it = Futures.asCompleted(done, null)) {
            while (it.hasNext()) {
                hole.consume(it.next());
            }
        }
    }

    @Benchmark
    public Object waitAllWhileCompleted() {
        return Futures.wait(completedElsewhere(), Duration.ofSeconds(60), ReturnWhen.ALL_COMPLETED);
    }

    @Benchmark
    public void asCompletedWhileCompleted(Blackhole hole) {
        try (AsCompletedIterator<Future<Object>> it = Futures.asCompleted(completedElsewhere(), Duration.ofSeconds(60))) {
            while (it.hasNext()) {
                hole.consume(it.next());
            }
        }
    }
}
