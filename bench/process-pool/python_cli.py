"""CPython's side of bench/run's native table, start-up included as it is for the futures CLI:
    python3 python_cli.py map N CHUNKSIZE   squares of 1..N on a 2-process pool, one per line
    python3 python_cli.py first             the first result of a fresh 1-process pool"""
import sys
from concurrent.futures import ProcessPoolExecutor


def square(n):
    return n * n


def echo(value):
    return value


if __name__ == "__main__":
    if sys.argv[1] == "map":
        n, chunksize = int(sys.argv[2]), int(sys.argv[3])
        with ProcessPoolExecutor(2) as pool:
            sys.stdout.write("".join("%d\n" % v for v in pool.map(square, range(1, n + 1), chunksize=chunksize)))
    else:
        with ProcessPoolExecutor(1) as pool:
            print(pool.submit(echo, "x").result())
