"""CPython's ThreadPoolExecutor with 2 workers: submit-and-wait and map of TASKS trivial tasks,
printed as "name seconds" medians of RUNS (after one warm-up run)."""
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor, wait


def square(n):
    return n * n


def main():
    runs, tasks = int(sys.argv[1]), int(sys.argv[2])
    submit_wait, mapped = [], []
    for run in range(runs + 1):
        with ThreadPoolExecutor(2) as pool:
            start = time.perf_counter()
            wait([pool.submit(square, i) for i in range(tasks)])
            if run:
                submit_wait.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert sum(pool.map(square, range(tasks))) >= 0
            if run:
                mapped.append(time.perf_counter() - start)
    print("python_submit_wait", statistics.median(submit_wait))
    print("python_map", statistics.median(mapped))


if __name__ == "__main__":
    main()
