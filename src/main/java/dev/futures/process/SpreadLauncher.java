package dev.futures.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Workers spread over several launchers (hosts), each up to its number of slots: a new worker
 * starts where the most slots are free, and a worker that has ended frees its slot, so its
 * replacement starts on the host it ran on. GNU parallel's {@code -S 4/host1,8/host2}.
 */
public final class SpreadLauncher implements WorkerLauncher {

    /** One host's launcher and how many workers it takes. */
    public record Host(String name, WorkerLauncher launcher, int slots) {
        public Host {
            if (slots < 1) {
                throw new IllegalArgumentException("a host needs at least one slot: " + name);
            }
        }
    }

    private final List<Host> hosts;
    private final List<List<Process>> running = new ArrayList<>();

    public SpreadLauncher(List<Host> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no hosts to start workers on");
        }
        this.hosts = List.copyOf(hosts);
        hosts.forEach(host -> running.add(new ArrayList<>()));
    }

    /** Every host's slots: the most workers there can be. */
    public int slots() {
        return hosts.stream().mapToInt(Host::slots).sum();
    }

    /** The first host's command (what a single-host launcher would show). */
    @Override
    public List<String> command() {
        return hosts.get(0).launcher().command();
    }

    @Override
    public synchronized Process start() throws IOException {
        int best = 0;
        int mostFree = Integer.MIN_VALUE;
        for (int i = 0; i < hosts.size(); i++) {
            running.get(i).removeIf(process -> !process.isAlive());
            int free = hosts.get(i).slots() - running.get(i).size();
            if (free > mostFree) {
                best = i;
                mostFree = free;
            }
        }
        Process process = hosts.get(best).launcher().start();
        running.get(best).add(process);
        return process;
    }
}
