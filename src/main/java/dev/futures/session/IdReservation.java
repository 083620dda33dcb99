package dev.futures.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The ids a state directory has handed out, kept apart from the journal ({@code ids} beside
 * it): ids are reserved here in blocks before any of them reaches a client, so a journal that
 * lost its tail (a crash), was restored from an older copy, or was emptied never makes the
 * daemon hand out an id again. Ids stay short ({@code f129}): a clean stop records the exact
 * next id, a crash costs at most one unused block.
 */
final class IdReservation {
    static final String FILE = "ids";
    /** Ids reserved per write of the file: a rename per this many submits. */
    static final long BLOCK = 128;

    private final Path file;
    /** No id at or above this has been handed out by any run. */
    private long reserved;

    private IdReservation(Path file, long reserved) {
        this.file = file;
        this.reserved = reserved;
    }

    /** Reads the reservation beside {@code journal}; a missing or unreadable file reserves nothing. */
    static IdReservation beside(Path journal) {
        Path file = journal.resolveSibling(FILE);
        long reserved = 1;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.startsWith("next ")) {
                reserved = Math.max(1, Long.parseLong(text.substring(5)));
            }
        } catch (IOException | NumberFormatException missingOrDamaged) {
            // Then the journal's own "next" record is all there is to go by.
        }
        return new IdReservation(file, reserved);
    }

    /** The first id no earlier run can have handed out, as far as this file knows. */
    synchronized long floor() {
        return reserved;
    }

    /** Before {@code id} is handed out: the file says it is used (with a block beyond it). */
    synchronized void reserve(long id) throws IOException {
        if (id >= reserved) {
            write(id + BLOCK);
        }
    }

    /**
     * A clean stop: the next run starts at {@code next}, not past the unused rest of the block.
     * Best effort: where it cannot be written (a full volume), the block stays reserved.
     */
    synchronized void release(long next) {
        if (next < reserved) {
            try {
                write(next);
            } catch (IOException keptTheBlock) {
                // Ids skipped, never reused: the safe side.
            }
        }
    }

    private void write(long next) throws IOException {
        Path temporary = file.resolveSibling(FILE + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, "next " + next + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        reserved = next;
    }
}
