package dev.futures;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;

/** Programs for {@link InterpreterExitTest}, each run as the main class of its own JVM. */
final class ExitFixtures {
    private ExitFixtures() {
    }

    /** SD-02: a pool never shut down; main returns while the task still waits. */
    static final class CompletesAtExit {
        public static void main(String[] args) {
            CountDownLatch started = new CountDownLatch(1);
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1);
            executor.submit(() -> {
                started.countDown();
                Thread.sleep(100); // the task is slow on purpose: exit must wait for it, not race it
                System.out.println("apple");
                return null;
            });
            awaitQuietly(started);
        }
    }

    /** SD-03: a shutdown hook of the user's submits once the pools' exit hook has begun. */
    static final class SubmitDuringExit {
        public static void main(String[] args) {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long giveUp = System.nanoTime() + 30_000_000_000L;
                while (!InterpreterExit.exiting() && System.nanoTime() < giveUp) {
                    Thread.onSpinWait(); // JVM hooks run concurrently: wait for ours to have begun
                }
                try {
                    executor.submit(() -> null);
                    System.out.println("accepted");
                } catch (RejectedExecutionException e) {
                    System.out.println(e.getMessage());
                }
            }));
        }
    }

    /** TSD-07: shutdown(wait=false, cancelFutures=true), then exit. */
    static final class CancelWithoutWait {
        public static void main(String[] args) {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1);
            executor.submit(() -> {
                Thread.sleep(100);
                System.out.println("apple");
                return null;
            });
            executor.submit(() -> System.out.println("never: cancelled"));
            executor.shutdown(false, true);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
