"""Python's side of bench/process-pool/run: the same three measurements with CPython's
ProcessPoolExecutor (default start method), printed as "name seconds" medians."""
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, wait


def square(n):
    return n * n


def main():
    runs, tasks, map_inputs, chunksize = (int(a) for a in sys.argv[1:5])
    first, submit_wait, chunked = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        with ProcessPoolExecutor(2) as pool:
            pool.submit(square, 1).result()
            first.append(time.perf_counter() - start)
            pool.submit(square, 2).result()
            pool.submit(square, 3)
            pool.submit(square, 4).result()

            start = time.perf_counter()
            wait([pool.submit(square, i) for i in range(tasks)])
            submit_wait.append(time.perf_counter() - start)

            start = time.perf_counter()
            total = sum(pool.map(square, range(map_inputs), chunksize=chunksize))
            chunked.append(time.perf_counter() - start)
            assert total >= 0
    print("first_result", statistics.median(first))
    print("submit_wait", statistics.median(submit_wait))
    print("chunked_map", statistics.median(chunked))


if __name__ == "__main__":
    main()
