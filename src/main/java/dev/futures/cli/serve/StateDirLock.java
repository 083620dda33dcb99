package dev.futures.cli.serve;

import dev.futures.cli.input.UsageError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * One daemon per state directory: two appending to one journal would mix their ids. The lock is
 * the kernel's (released when the process dies, also by kill -9), so a crash never leaves a
 * stale lock behind. The lock is taken before the token is created or the journal read, so
 * two daemons started at once on a fresh directory cannot both write a token.
 */
final class StateDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the directory (0700) if needed, makes sure no other user can read it, and takes
     * the lock.
     *
     * @throws UsageError when the directory cannot be used, is another user's and open to
     *     others, or another daemon holds it
     */
    static StateDirLock acquire(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            makePrivate(dir);
            FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new UsageError("another 'futures serve' uses the state directory " + dir);
            }
            return new StateDirLock(channel, lock);
        } catch (IOException e) {
            throw new UsageError("cannot use the state directory " + dir + ": " + describe(e));
        }
    }

    /**
     * The journal holds every task's arguments and values, the token file the key to all of it.
     * As ssh does with ~/.ssh, a directory others can enter is not used as it is: this user's
     * own is made 0700 (and says so); another user's, open to the world, is refused. Group
     * access to a directory owned by someone else is let be: that is how OpenShift shares a
     * volume with a random uid (Dockerfile.native).
     */
    static void makePrivate(Path dir) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        open.retainAll(mode);
        if (open.isEmpty()) {
            return;
        }
        boolean mine = Files.getAttribute(dir, "unix:uid").equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        if (mine) {
            Set<PosixFilePermission> tightened = EnumSet.copyOf(mode);
            tightened.removeAll(open);
            Files.setPosixFilePermissions(dir, tightened);
            System.err.println("futures serve: the state directory " + dir + " was " + PosixFilePermissions.toString(mode)
                    + ", open to other users; made it " + PosixFilePermissions.toString(tightened));
            return;
        }
        boolean world = mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)
                || mode.contains(PosixFilePermission.OTHERS_EXECUTE);
        if (world) {
            throw new UsageError("the state directory " + dir + " belongs to another user and is open to everyone ("
                    + PosixFilePermissions.toString(mode) + "): make it private (chmod o= " + dir + ") or use another");
        }
    }

    /** An I/O error in one line: the JDK's file exceptions carry the path and the reason apart. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
