import dev.futures.Future;
import dev.futures.Futures;
import dev.futures.MapOptions;
import dev.futures.process.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Our ProcessPoolExecutor's side of bench/process-pool/run: prints "name seconds" lines, the
 * median of the runs. Run with the library on the class path (the runner does that).
 */
public class ProcessPoolBench {
    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        int tasks = Integer.parseInt(args[1]);
        int mapInputs = Integer.parseInt(args[2]);
        int chunksize = Integer.parseInt(args[3]);
        List<List<Object>> inputs = IntStream.range(0, mapInputs).mapToObj(i -> List.<Object>of(i)).toList();
        double[] firstResult = new double[runs];
        double[] submitWait = new double[runs];
        double[] chunkedMap = new double[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
                pool.submit("square", 1).result();
                firstResult[run] = seconds(start);
                pool.submit("square", 2).result();
                pool.submit("square", 3); // both workers warm
                pool.submit("square", 4).result();

                start = System.nanoTime();
                List<Future<Object>> fs = new ArrayList<>(tasks);
                for (int i = 0; i < tasks; i++) {
                    fs.add(pool.submit("square", i));
                }
                Futures.wait(fs);
                submitWait[run] = seconds(start);

                start = System.nanoTime();
                long sum = 0;
                for (Object value : pool.map("square", inputs, MapOptions.defaults().withChunksize(chunksize))) {
                    sum += (Long) value;
                }
                chunkedMap[run] = seconds(start);
                if (sum < 0) {
                    throw new AssertionError();
                }
            }
        }
        System.out.println("first_result " + median(firstResult));
        System.out.println("submit_wait " + median(submitWait));
        System.out.println("chunked_map " + median(chunkedMap));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
