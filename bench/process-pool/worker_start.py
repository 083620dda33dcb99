"""Worker start to ready: spawn a worker command, send hello, time until its ready frame.
Prints the median in seconds over the given number of runs."""
import json
import statistics
import subprocess
import sys
import time


def once(command):
    start = time.perf_counter()
    worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    worker.stdin.write(b'{"type":"hello","version":1}\n')
    worker.stdin.flush()
    ready = json.loads(worker.stdout.readline())
    elapsed = time.perf_counter() - start
    assert ready["type"] == "ready", ready
    worker.stdin.close()
    worker.wait()
    return elapsed


def main():
    runs = int(sys.argv[1])
    command = sys.argv[2:]
    once(command)  # warm the page cache
    print(statistics.median(once(command) for _ in range(runs)))


if __name__ == "__main__":
    main()
