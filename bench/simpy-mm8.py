# The reference M/M/8 queue of issue 12 in SimPy 3, for bench/reference-runs.js: 8 servers
# (a Resource), Poisson arrivals at 1000/s (time in ms), service uniform 0.5-7.5 ms, 1% of
# services fail, and 3 trace records per session (arrive, dispatch, end) to a counting sink.
# Debian: apt-get install python3-simpy3. Usage: python3 simpy-mm8.py [sessions] [seed]
import json
import random
import sys
import time

import simpy

SESSIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 42


def main():
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=8)
    rng = random.Random(SEED)
    records = [0]
    failed = [0]

    def sink(record):
        records[0] += 1

    def session(i):
        sink(("arrive", env.now, i))
        with servers.request() as request:
            yield request
            sink(("dispatch", env.now, i))
            yield env.timeout(rng.uniform(0.5, 7.5))
            ok = rng.random() >= 0.01
            if not ok:
                failed[0] += 1
            sink(("end", env.now, i, ok))

    def source():
        for i in range(SESSIONS):
            yield env.timeout(rng.expovariate(1.0))
            env.process(session(i))

    env.process(source())
    started = time.perf_counter()
    env.run()
    print(json.dumps({
        "sessions": SESSIONS,
        "records": records[0],
        "failed": failed[0],
        "virtualMs": env.now,
        "seconds": time.perf_counter() - started,
    }))


main()
