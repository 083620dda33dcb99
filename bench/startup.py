"""Median wall time of a command over RUNS runs (after one unmeasured run), in seconds.
    python3 startup.py RUNS [NAME=VALUE,...] COMMAND [ARG...]"""
import os
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
env = dict(os.environ)
for pair in filter(None, sys.argv[2].split(",")):
    name, value = pair.split("=", 1)
    env[name] = value
times = []
for _ in range(runs + 1):
    start = time.perf_counter()
    subprocess.run(sys.argv[3:], env=env, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - start)
print("%.4f" % statistics.median(times[1:]))
