package dev.futures;

/** Runs once in each new worker before it takes work; a failure breaks the pool. */
@FunctionalInterface
public interface Initializer {
    void run() throws Exception;
}
