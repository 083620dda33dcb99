package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The native build's reflection list must hold every class picocli reaches reflectively beyond
 * the commands: each option mixin, each enum an option or parameter takes, each converter an
 * option names, and each class of completion candidates.
 * A mixin added without its entry would work on the JVM and fail only in the native executable,
 * which cannot be linked here, so this test walks the command tree and compares.
 */
class NativeMetadataTest {

    @Test
    void everyMixinOptionEnumAndConverterOfTheCommandTreeIsRegistered() throws Exception {
        Set<String> needed = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(FuturesCommand.class);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!seen.add(type)) {
                continue;
            }
            CommandLine.Command command = type.getAnnotation(CommandLine.Command.class);
            if (command != null) {
                todo.addAll(List.of(command.subcommands()));
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                        needed.add(field.getType().getName());
                        todo.add(field.getType());
                    }
                    CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
                    if (option != null) {
                        if (field.getType().isEnum()) {
                            needed.add(field.getType().getName());
                        }
                        for (Class<?> converter : option.converter()) {
                            needed.add(converter.getName());
                        }
                        if (!option.completionCandidates().getName().endsWith("$NoCompletionCandidates")) {
                            needed.add(option.completionCandidates().getName());
                        }
                    }
                    CommandLine.Parameters parameters = field.getAnnotation(CommandLine.Parameters.class);
                    if (parameters != null) {
                        if (field.getType().isEnum()) {
                            needed.add(field.getType().getName());
                        }
                        if (!parameters.completionCandidates().getName().endsWith("$NoCompletionCandidates")) {
                            needed.add(parameters.completionCandidates().getName());
                        }
                    }
                }
            }
        }
        Map<String, Object> metadata = new dev.futures.protocol.NdjsonCodec().decode(
                Files.readString(Path.of("native-config/reachability-metadata.json")));
        Set<String> registered = new TreeSet<>();
        for (Object entry : (List<?>) metadata.get("reflection")) {
            registered.add(String.valueOf(((Map<?, ?>) entry).get("type")));
        }
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(registered);
        assertEquals(Set.of(), missing, "add these to native-config/reachability-metadata.json");
    }
}
