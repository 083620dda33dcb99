package dev.futures.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The daemon's bearer token: 32 random bytes, hex, in {@code STATE_DIR/token}, created on first
 * start with mode 0600 (and its directory 0700), read on later starts and by the clients.
 */
public final class TokenFile {
    public static final String NAME = "token";

    private TokenFile() {
    }

    public static String loadOrCreate(Path stateDir) throws IOException {
        Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = stateDir.resolve(NAME);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                // Another start made it first: read theirs.
            }
        }
        return read(file);
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /** Equal or not, in time that does not depend on where they differ. */
    public static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
