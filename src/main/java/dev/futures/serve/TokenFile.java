package dev.futures.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The daemon's bearer token: 32 random bytes, hex, in {@code STATE_DIR/token}, created on first
 * start with mode 0600 (and its directory 0700), read on later starts and by the clients.
 */
public final class TokenFile {
    public static final String NAME = "token";

    private TokenFile() {
    }

    /**
     * The token in {@code stateDir}, created if there is none. Written to a private temporary
     * file and renamed into place, so a client never reads a half-written token. The caller
     * holds the state directory's lock: no other daemon creates one meanwhile.
     */
    public static String loadOrCreate(Path stateDir) throws IOException {
        Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = stateDir.resolve(NAME);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path fresh = stateDir.resolve(NAME + ".new");
            Files.deleteIfExists(fresh);
            Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(fresh, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return read(file);
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /**
     * What the daemon answers to a client's random {@code nonce} before the client sends its
     * token: HMAC-SHA256 keyed by the token, so only a process that holds the token can
     * answer, and the answer gives the token away to no one. A local user squatting the port
     * while the daemon is down cannot answer, and so never receives the token.
     */
    public static String proof(String token, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("futures-daemon-proof:" + nonce).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this runtime", e);
        }
    }

    /** A fresh random nonce for {@link #proof}. */
    public static String nonce() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Equal or not, in time that does not depend on where they differ. */
    public static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
