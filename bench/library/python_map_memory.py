"""Peak memory of CPython's Executor.map over stdin: it submits every input before it yields
the first result (before 3.14's buffersize), so an endless stdin never ends."""
import sys
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(2) as pool:
    for value in pool.map(str.strip, sys.stdin):
        sys.stdout.write(value + "\n")
