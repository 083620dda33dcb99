package dev.futures.cli.options;

import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.FileTransfer;
import dev.futures.process.SpreadLauncher;
import dev.futures.process.WorkerLaunchers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * GNU parallel's {@code -S [N/]LOGIN[,...]} and {@code --sshloginfile}: process-pool workers on
 * other machines through ssh, spread over them by their slot counts ({@code :} is this one).
 */
public class SshLoginOptions {

    @Option(names = {"-S", "--sshlogin"}, paramLabel = "[N/]LOGIN[,...]",
            description = "Start process-pool workers on these hosts through ssh, N per host (default -j), "
                    + "as GNU parallel's -S: '4/host1,8/user@host2,:' (':' is this machine; 'myssh -p 2222 host' "
                    + "reaches host with its own ssh command; '..' reads ~/.parallel/sshloginfile); repeatable. "
                    + "Implies --pool process; commands and tasks run on the remote hosts.")
    List<String> logins = new ArrayList<>();

    @Option(names = {"--sshloginfile", "--slf"}, paramLabel = "FILE",
            description = "Read -S logins from FILE, one per line ('#' comments); repeatable.")
    List<Path> loginFiles = new ArrayList<>();

    @Option(names = "--ssh", paramLabel = "COMMAND", defaultValue = "ssh",
            description = "The ssh command and its options, split at spaces (default: ssh).")
    String ssh;

    @Option(names = "--remote-futures", paramLabel = "PATH", defaultValue = "futures",
            description = "futures on the remote hosts (default: found on their PATH).")
    String remoteFutures;

    @Option(names = "--slurm",
            description = "Start process-pool workers as Slurm job steps in the current allocation (srun --overlap "
                    + "-n1 per worker, under salloc or sbatch); -j defaults to $SLURM_NTASKS. Implies --pool process.")
    boolean slurm;

    /** GNU's login: {@code [N/][SSHCOMMAND ][user@]host}, or {@code [N/]:} for this machine. */
    @Option(names = {"--transferfile", "--tf"}, paramLabel = "FILE",
            description = "Send FILE (with replacement strings) with each job to its -S host, where it is written "
                    + "under the same relative path before the command runs, as GNU parallel's; repeatable.")
    List<String> transferFiles = new ArrayList<>();

    @Option(names = "--transfer", description = "--transferfile {}: send each job's input file.")
    boolean transfer;

    @Option(names = "--return", paramLabel = "FILE",
            description = "Bring FILE (with replacement strings) back from each job's -S host after the command; "
                    + "repeatable.")
    List<String> returnFiles = new ArrayList<>();

    @Option(names = "--cleanup", description = "Remove the sent and returned files on the -S host after each job.")
    boolean cleanup;

    @Option(names = "--trc", paramLabel = "FILE", description = "--transfer --return FILE --cleanup.")
    List<String> transferReturnCleanup = new ArrayList<>();

    /** The files that travel with each job (GNU's --transfer, --return, --cleanup); none without -S. */
    public FileTransfer fileTransfer() {
        List<String> send = new ArrayList<>(transferFiles);
        if (transfer || !transferReturnCleanup.isEmpty()) {
            send.add("{}");
        }
        List<String> back = new ArrayList<>(returnFiles);
        back.addAll(transferReturnCleanup);
        return new FileTransfer(List.copyOf(send), List.copyOf(back), cleanup || !transferReturnCleanup.isEmpty());
    }

    private static final Pattern LOGIN = Pattern.compile("(?:(\\d+)/)?(?:(.*\\S)\\s+)?(\\S+)", Pattern.DOTALL);

    /** Whether any host was given. */
    boolean active() {
        return !logins.isEmpty() || !loginFiles.isEmpty();
    }

    /**
     * The hosts, with {@code perHost} slots where a login names no count.
     *
     * @throws UsageError for an unreadable file, a bad login or no login at all
     */
    SpreadLauncher spread(int perHost) {
        List<SpreadLauncher.Host> hosts = hosts(perHost);
        if (hosts.isEmpty()) {
            throw new UsageError("-S/--sshloginfile named no host");
        }
        return new SpreadLauncher(hosts);
    }

    /** Whether every job runs on every host (GNU's --onall), or the command once on each (--nonall). */
    boolean onEveryHost() {
        return onAll || nonAll;
    }

    @Option(names = "--onall", description = "Run all the jobs on every -S host, one at a time on each, as GNU "
            + "parallel's --onall (with --tag each line names its host).")
    boolean onAll;

    @Option(names = "--nonall", description = "Run the command, with no input, once on every -S host (GNU parallel's "
            + "--nonall).")
    boolean nonAll;

    /**
     * The hosts, with {@code perHost} slots where a login names no count; none when the logins are
     * empty ({@code -S "$A,$B"} with both unset).
     *
     * @throws UsageError for an unreadable file or a bad login
     */
    List<SpreadLauncher.Host> hosts(int perHost) {
        List<String> all = new ArrayList<>();
        List<Path> files = new ArrayList<>(loginFiles);
        for (String value : logins) {
            for (String login : value.split(",")) {
                if (login.strip().equals("..")) {
                    String home = System.getenv("HOME"); // GNU's '..': its sshloginfile
                    files.add(Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home, ".parallel",
                            "sshloginfile"));
                } else if (!login.isBlank()) {
                    all.add(login); // empty ones ("$A,$B" with both unset) name no host, as in GNU
                }
            }
        }
        for (Path file : files) {
            try {
                for (String line : Files.readAllLines(file)) {
                    String login = line.replaceFirst("#.*", "").strip();
                    if (!login.isEmpty()) {
                        all.add(login);
                    }
                }
            } catch (IOException e) {
                throw new UsageError("cannot read --sshloginfile '" + file + "': " + e.getMessage());
            }
        }
        List<String> sshCommand = List.of(ssh.strip().split("\\s+"));
        List<SpreadLauncher.Host> hosts = new ArrayList<>();
        for (String login : all) {
            Matcher m = LOGIN.matcher(login.strip());
            if (!m.matches()) {
                throw new UsageError("-S: '" + login + "' is not [N/][SSHCOMMAND ][user@]host or [N/]:");
            }
            int slots = m.group(1) == null ? perHost : Integer.parseInt(m.group(1));
            if (slots < 1) {
                throw new UsageError("-S: '" + login + "' needs at least 1 slot");
            }
            String host = m.group(3);
            List<String> loginsSsh = m.group(2) == null ? sshCommand : List.of(m.group(2).strip().split("\\s+"));
            hosts.add(new SpreadLauncher.Host(host, host.equals(":") ? WorkerLaunchers.self()
                    : WorkerLaunchers.ssh(loginsSsh, host, remoteFutures), slots));
        }
        return hosts;
    }
}
