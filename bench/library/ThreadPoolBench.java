import dev.futures.Future;
import dev.futures.Futures;
import dev.futures.MapIterator;
import dev.futures.ThreadPoolExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Thread pools with 2 workers, TASKS trivial tasks (n * n): submit all then wait for all, and
 * map in input order; our ThreadPoolExecutor and the JDK's (which has no map: submit each and
 * get in order, the same work). Prints "name seconds", the median of RUNS after one warm-up run.
 *   java -cp target/classes ThreadPoolBench.java RUNS TASKS
 */
public class ThreadPoolBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int tasks = Integer.parseInt(args[1]);
        List<Integer> inputs = IntStream.range(0, tasks).boxed().toList();
        double[] oursSubmit = new double[runs];
        double[] oursMap = new double[runs];
        double[] jdkSubmit = new double[runs];
        double[] jdkMap = new double[runs];
        for (int run = -1; run < runs; run++) { // run -1 warms the JIT up
            try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
                long start = System.nanoTime();
                List<Future<Integer>> fs = new ArrayList<>(tasks);
                for (int i = 0; i < tasks; i++) {
                    int n = i;
                    fs.add(pool.submit(() -> n * n));
                }
                Futures.wait(fs);
                record(oursSubmit, run, start);
                start = System.nanoTime();
                long sum = 0;
                try (MapIterator<Integer> it = pool.map(n -> n * n, inputs)) {
                    while (it.hasNext()) {
                        sum += it.next();
                    }
                }
                record(oursMap, run, start);
                if (sum < 0) {
                    throw new AssertionError();
                }
            }
            ExecutorService jdk = Executors.newFixedThreadPool(2);
            try {
                long start = System.nanoTime();
                List<java.util.concurrent.Future<Integer>> fs = new ArrayList<>(tasks);
                for (int i = 0; i < tasks; i++) {
                    int n = i;
                    fs.add(jdk.submit(() -> n * n));
                }
                for (java.util.concurrent.Future<Integer> f : fs) {
                    f.get();
                }
                record(jdkSubmit, run, start);
                start = System.nanoTime();
                List<java.util.concurrent.Future<Integer>> mapped = new ArrayList<>(tasks);
                for (Integer n : inputs) {
                    mapped.add(jdk.submit(() -> n * n));
                }
                long sum = 0;
                for (java.util.concurrent.Future<Integer> f : mapped) {
                    sum += f.get();
                }
                record(jdkMap, run, start);
                if (sum < 0) {
                    throw new AssertionError();
                }
            } finally {
                jdk.shutdown();
            }
        }
        System.out.println("ours_submit_wait " + median(oursSubmit));
        System.out.println("ours_map " + median(oursMap));
        System.out.println("jdk_submit_wait " + median(jdkSubmit));
        System.out.println("jdk_map " + median(jdkMap));
    }

    private static void record(double[] into, int run, long start) {
        if (run >= 0) {
            into[run] = (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
