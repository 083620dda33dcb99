package dev.futures.task;

import java.math.BigDecimal;
import java.util.List;

/**
 * Reads a task's arguments. The CLI passes strings and the protocols pass JSON values, so a
 * number may arrive as either; errors name the task's signature.
 */
final class TaskArgs {
    private final String signature;
    private final List<Object> args;

    TaskArgs(String signature, List<Object> args) {
        this.signature = signature;
        this.args = args;
    }

    int size() {
        return args.size();
    }

    void requireCount(int min, int max) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            throw new TaskArgumentError(signature + " takes " + expected + " argument" + (expected.equals("1") ? "" : "s")
                    + ", got " + args.size());
        }
    }

    Object get(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    String string(int index) {
        Object value = get(index);
        if (value == null) {
            throw new TaskArgumentError(signature + ": argument " + (index + 1) + " is missing");
        }
        return String.valueOf(value);
    }

    BigDecimal number(int index) {
        Object value = get(index);
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new TaskArgumentError(signature + ": argument " + (index + 1) + " must be a number, got '" + value + "'");
    }

    List<String> strings(int from) {
        return args.subList(Math.min(from, args.size()), args.size()).stream().map(String::valueOf).toList();
    }
}
