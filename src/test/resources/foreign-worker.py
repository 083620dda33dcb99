import json, os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
tasks = {"square": lambda n: n * n}
hello = json.loads(sys.stdin.readline())
print(json.dumps({"type": "ready", "version": 1, "pid": os.getpid()}), flush=True)
for line in sys.stdin:
    frame = json.loads(line)
    if frame["type"] == "shutdown": break
    values = [tasks[frame["task"]](*args) for args in frame["chunk"]]
    print(json.dumps({"type": "result", "id": frame["id"], "values": values}), flush=True)
