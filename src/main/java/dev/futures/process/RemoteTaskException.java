package dev.futures.process;

import dev.futures.protocol.RemoteError;

/**
 * A task's exception from a worker process: the remote class name, message and stack text.
 * When the type is one the parent can rebuild ({@link RemoteErrors}), the rebuilt exception is
 * thrown and this is its cause, as CPython chains {@code _RemoteTraceback}.
 */
public class RemoteTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteMessage;
    private final String remoteTraceback;

    public RemoteTaskException(String task, long workerPid, RemoteError error) {
        super(error.type() + (error.message() == null ? "" : ": " + error.message()) + " (task '" + task
                + "' in worker " + workerPid + ")\n\nRemote traceback:\n" + error.traceback());
        this.remoteType = error.type();
        this.remoteMessage = error.message();
        this.remoteTraceback = error.traceback();
    }

    public String remoteType() {
        return remoteType;
    }

    /** The remote class's name without its package: the type every report shows, on either pool. */
    public String remoteSimpleType() {
        return remoteType.substring(remoteType.lastIndexOf('.') + 1);
    }

    public String remoteMessage() {
        return remoteMessage;
    }

    public String remoteTraceback() {
        return remoteTraceback;
    }
}
