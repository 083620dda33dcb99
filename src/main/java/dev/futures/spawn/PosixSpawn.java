package dev.futures.spawn;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.nativeimage.StackValue;
import org.graalvm.nativeimage.UnmanagedMemory;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CCharPointerPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.nativeimage.c.type.CTypeConversion;
import org.graalvm.word.PointerBase;
import org.graalvm.word.WordFactory;

/**
 * Starts what a {@link ProcessBuilder} describes with glibc's {@code posix_spawn}: its command,
 * environment, directory and redirects (pipes, inherit, files), as {@link ProcessBuilder#start}
 * would, with the JDK's error messages. Native image only.
 *
 * <p>In the child: stdin/stdout/stderr as asked, every other descriptor closed
 * ({@code closefrom(3)}: the pipes of other children started at the same moment must not leak
 * into this one, or their readers would never see end of file), an empty signal mask, and, when
 * asked, a session of its own ({@code POSIX_SPAWN_SETSID}, with no {@code setsid} program exec'd).
 */
final class PosixSpawn {
    private static final Charset ENCODING = encoding();

    private PosixSpawn() {
    }

    private static Charset encoding() {
        // The JDK encodes arguments and environment in sun.jnu.encoding: the same bytes on both builds.
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    static Process start(ProcessBuilder builder, boolean newSession) throws IOException {
        List<String> command = builder.command();
        String[] argv = command.toArray(new String[0]);
        if (argv.length == 0) {
            throw new IndexOutOfBoundsException("empty command");
        }
        for (String arg : argv) {
            if (arg == null) {
                throw new NullPointerException();
            }
            if (arg.indexOf('\u0000') >= 0) {
                throw new IOException("invalid null character in command");
            }
        }
        List<String> environment = new ArrayList<>();
        for (Map.Entry<String, String> variable : builder.environment().entrySet()) {
            environment.add(variable.getKey() + "=" + variable.getValue());
        }
        File directory = builder.directory();
        Redirect[] redirects = {builder.redirectInput(), builder.redirectOutput(),
            builder.redirectErrorStream() ? null : builder.redirectError()};

        int[] ours = {-1, -1, -1};
        int[] theirs = {-1, -1, -1};
        PointerBase fileActions = UnmanagedMemory.calloc(LibC.SPAWN_STRUCT_BYTES);
        PointerBase attributes = UnmanagedMemory.calloc(LibC.SPAWN_STRUCT_BYTES);
        PointerBase signals = UnmanagedMemory.calloc(LibC.SPAWN_STRUCT_BYTES);
        CStrings args = new CStrings(List.of(argv));
        CStrings env = new CStrings(environment);
        boolean started = false;
        LibC.posix_spawn_file_actions_init(fileActions);
        LibC.posix_spawnattr_init(attributes);
        try {
            for (int fd = 0; fd < 3; fd++) {
                Redirect redirect = redirects[fd];
                if (redirect == null) {
                    LibC.posix_spawn_file_actions_adddup2(fileActions, 1, 2); // redirectErrorStream
                } else if (redirect.type() == Redirect.Type.PIPE) {
                    int[] pipe = pipe();
                    ours[fd] = fd == 0 ? pipe[1] : pipe[0];
                    theirs[fd] = fd == 0 ? pipe[0] : pipe[1];
                    LibC.posix_spawn_file_actions_adddup2(fileActions, theirs[fd], fd);
                } else if (redirect.type() != Redirect.Type.INHERIT) {
                    int flags = switch (redirect.type()) {
                        case READ -> LibC.O_RDONLY;
                        case APPEND -> LibC.O_WRONLY | LibC.O_CREAT | LibC.O_APPEND;
                        default -> LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC;
                    };
                    try (CTypeConversion.CCharPointerHolder path = CTypeConversion.toCString(redirect.file().getPath())) {
                        // glibc copies the path into the file actions.
                        LibC.posix_spawn_file_actions_addopen(fileActions, fd, path.get(), flags, 0666);
                    }
                }
            }
            if (directory != null) {
                try (CTypeConversion.CCharPointerHolder path = CTypeConversion.toCString(directory.getPath())) {
                    LibC.posix_spawn_file_actions_addchdir_np(fileActions, path.get());
                }
            }
            LibC.posix_spawn_file_actions_addclosefrom_np(fileActions, 3);
            LibC.sigemptyset(signals);
            LibC.posix_spawnattr_setsigmask(attributes, signals);
            // A process group of its own (the attributes' group 0: the child's pid), or a session,
            // which makes one too: SpawnedProcess signals the whole group, so a child the program
            // forks at the very moment it is killed goes with it.
            LibC.posix_spawnattr_setflags(attributes, (short) (LibC.POSIX_SPAWN_SETSIGMASK
                    | (newSession ? LibC.POSIX_SPAWN_SETSID : LibC.POSIX_SPAWN_SETPGROUP)));

            CIntPointer pid = StackValue.get(CIntPointer.class);
            String file = ProgramPath.of(argv[0]);
            int error = spawn(pid, file, args, fileActions, attributes, env);
            if (error == LibC.ENOENT && file != null && !file.equals(argv[0])) {
                ProgramPath.forget(argv[0]); // moved or removed since it was found: search again
                error = spawn(pid, null, args, fileActions, attributes, env);
            }
            if (error != 0) {
                throw new IOException("Cannot run program \"" + argv[0] + "\""
                        + (directory == null ? "" : " (in directory \"" + directory + "\")")
                        + ": error=" + error + ", " + errorText(error));
            }
            started = true;
            return new SpawnedProcess(pid.read(),
                    ours[0] < 0 ? OutputStream.nullOutputStream() : new FdOutputStream(ours[0]),
                    ours[1] < 0 ? InputStream.nullInputStream() : new FdInputStream(ours[1]),
                    ours[2] < 0 ? InputStream.nullInputStream() : new FdInputStream(ours[2]));
        } finally {
            for (int fd : theirs) {
                if (fd >= 0) {
                    LibC.close(fd);
                }
            }
            if (!started) {
                for (int fd : ours) {
                    if (fd >= 0) {
                        LibC.close(fd);
                    }
                }
            }
            LibC.posix_spawn_file_actions_destroy(fileActions);
            LibC.posix_spawnattr_destroy(attributes);
            UnmanagedMemory.free(fileActions);
            UnmanagedMemory.free(attributes);
            UnmanagedMemory.free(signals);
            args.free();
            env.free();
        }
    }

    /** posix_spawn of {@code file}, or posix_spawnp's search of PATH when it is null; the error number. */
    private static int spawn(CIntPointer pid, String file, CStrings args, PointerBase fileActions,
            PointerBase attributes, CStrings env) {
        if (file == null) {
            return LibC.posix_spawnp(pid, args.first(), fileActions, attributes, args.array(), env.array());
        }
        try (CTypeConversion.CCharPointerHolder path = CTypeConversion.toCString(file)) {
            return LibC.posix_spawn(pid, path.get(), fileActions, attributes, args.array(), env.array());
        }
    }

    /**
     * A pipe whose two ends are above 2 and close on exec (so no other child inherits them): a
     * program started with a standard descriptor closed would otherwise get 0, 1 or 2 back, and
     * the child's dup2 of one end onto its own stdin/stdout would overwrite the other.
     */
    private static int[] pipe() throws IOException {
        CIntPointer fds = StackValue.get(2, CIntPointer.class);
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IOException("Cannot create a pipe: " + errorText(LibC.errno()));
        }
        int[] pipe = {fds.read(0), fds.read(1)};
        for (int i = 0; i < 2; i++) {
            if (pipe[i] < 3) {
                int moved = LibC.fcntl(pipe[i], LibC.F_DUPFD_CLOEXEC, 3);
                LibC.close(pipe[i]);
                pipe[i] = moved;
            }
        }
        return pipe;
    }

    static String errorText(int errno) {
        return CTypeConversion.toJavaString(LibC.strerror(errno));
    }

    /** NUL-terminated strings and the NULL-terminated array of them that argv and envp are. */
    private static final class CStrings {
        private final CCharPointerPointer array;
        private final CCharPointer bytes;

        CStrings(List<String> strings) {
            byte[][] encoded = new byte[strings.size()][];
            int total = 0;
            for (int i = 0; i < encoded.length; i++) {
                encoded[i] = strings.get(i).getBytes(ENCODING);
                total += encoded[i].length + 1;
            }
            array = UnmanagedMemory.malloc((encoded.length + 1) * 8);
            bytes = UnmanagedMemory.malloc(Math.max(total, 1));
            int at = 0;
            for (int i = 0; i < encoded.length; i++) {
                CCharPointer string = bytes.addressOf(at);
                for (byte b : encoded[i]) {
                    bytes.write(at++, b);
                }
                bytes.write(at++, (byte) 0);
                array.write(i, string);
            }
            array.write(encoded.length, WordFactory.nullPointer());
        }

        CCharPointerPointer array() {
            return array;
        }

        CCharPointer first() {
            return array.read(0);
        }

        void free() {
            UnmanagedMemory.free(array);
            UnmanagedMemory.free(bytes);
        }
    }
}
