package dev.futures.process;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ways to start workers. */
public final class WorkerLaunchers {
    static final String WORKER_MAIN = "dev.futures.worker.WorkerMain";

    private WorkerLaunchers() {
    }

    /**
     * This program again, in worker mode: the native executable ({@code /proc/self/exe worker}),
     * or on the JVM the same java with the same JVM options and class path — {@code -jar
     * quarkus-run.jar worker} for the packaged CLI, {@code -cp ... WorkerMain} for anything else
     * (a library user's application, a test run). Computed once per call, at run time.
     */
    public static WorkerLauncher self() {
        List<String> command = selfCommand();
        return () -> command;
    }

    /**
     * A command line run by {@code /bin/sh -c}, in which {@code {worker}} stands for this
     * program's own worker command: {@code "ssh host futures worker"},
     * {@code "nice -n 10 {worker}"}. The shell is the user's own: the template is theirs, as a
     * remote command of ssh is.
     */
    public static WorkerLauncher template(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("the worker launcher template is empty");
        }
        String expanded = template.contains("{worker}")
                ? template.replace("{worker}", shellQuote(selfCommand()))
                : template;
        List<String> command = List.of("/bin/sh", "-c", expanded);
        return () -> command;
    }

    static List<String> selfCommand() {
        if ("runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))) {
            return List.of(nativeExecutable(), "worker");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger's agent would fight over its port; everything else (heap, GC, -D) carries over.
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith("quarkus-run.jar") && !classPath.contains(File.pathSeparator)) {
            command.add("-jar");
            command.add(classPath);
            command.add("worker");
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(WORKER_MAIN);
        }
        return List.copyOf(command);
    }

    private static String nativeExecutable() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return ProcessHandle.current().info().command().orElse("/proc/self/exe");
        }
    }

    private static String shellQuote(List<String> words) {
        StringBuilder quoted = new StringBuilder();
        for (String word : words) {
            if (quoted.length() > 0) {
                quoted.append(' ');
            }
            quoted.append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        return quoted.toString();
    }
}
