"""What a Python user writes instead of xargs -P: ThreadPoolExecutor(J) running one subprocess
per stdin line, the line appended as the last argument.
    python3 python_runner.py J COMMAND [ARG...] < inputs"""
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def main():
    jobs, command = int(sys.argv[1]), sys.argv[2:]
    with ThreadPoolExecutor(jobs) as pool:
        runs = pool.map(lambda line: subprocess.run(command + [line.rstrip("\n")], stdout=subprocess.PIPE),
                        sys.stdin)
        for done in runs:
            sys.stdout.buffer.write(done.stdout)


if __name__ == "__main__":
    main()
