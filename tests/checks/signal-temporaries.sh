#!/usr/bin/env bash
# No hidden copies (issue 19, finding 6): SIGTERM, SIGINT or SIGHUP while ceo flag is writing
# leaves no temporary ".NAME.XXXXXX" file behind (the follow-up list's holds names and phone
# numbers), and the run still ends killed by that signal. Deterministic: the comments go to
# standard output, a pipe of 4 KiB that nobody reads, so the run blocks in the middle of writing
# after the whole follow-up list went into its temporary file; only then is it signalled.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
python3 - "$CEO" "$d" <<'PY'
import fcntl, glob, os, signal, subprocess, sys, time
ceo, d = sys.argv[1], sys.argv[2]
F_SETPIPE_SZ = 1031
for name in ("SIGTERM", "SIGINT", "SIGHUP"):
    sig = getattr(signal, name)
    out = os.path.join(d, name)
    os.mkdir(out)
    r, w = os.pipe()
    fcntl.fcntl(w, F_SETPIPE_SZ, 4096)
    p = subprocess.Popen([ceo, "flag", "--config", "samples/project.ini",
                          "-o", out + "/opvolging.csv", "--signals", out + "/signalen.csv",
                          "--comments", "-", "samples/qualtrics.csv"],
                         stdout=w, stderr=subprocess.DEVNULL,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(w)
    # wait until the list is in its temporary file and the run is stuck on the full pipe
    deadline, size = time.time() + 20, -1
    while time.time() < deadline and p.poll() is None:
        tmps = glob.glob(out + "/.opvolging.csv.*")
        now = os.path.getsize(tmps[0]) if tmps else -1
        if now > 16384 and now == size:
            break
        size = now
        time.sleep(0.2)
    if p.poll() is not None or size <= 16384:
        print(f"FAIL {name}: the run did not block while writing (exit {p.poll()}, list {size} bytes)")
        p.kill(); p.wait(); os.close(r)
        continue
    p.send_signal(sig)
    try:
        rc = p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill(); rc = p.wait()
    os.close(r)
    left = sorted(os.path.basename(f) for f in glob.glob(out + "/.*"))
    targets = sorted(f for f in os.listdir(out) if not f.startswith("."))
    if left or targets:
        print(f"FAIL {name} while writing: left {left + targets}")
    elif rc != -sig:
        print(f"FAIL {name}: exit {rc}, want killed by {name}")
    else:
        print(f"ok {name} while writing the follow-up list ({size} bytes in its temporary file): "
              "no temporary left, the run ends killed by the signal")
PY
