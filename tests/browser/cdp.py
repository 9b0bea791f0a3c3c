#!/usr/bin/env python3
"""cdp.py - drives headless Chromium over a pipe (the DevTools protocol on file descriptors 3
and 4: no port, no network) for the tests of ceo's HTML outputs. Test-only; ceo never needs it.

  cdp.py axe FILE.html...            runs axe-core (WCAG 2.1 A and AA rules) on each file and
                                     prints one line per violation; exit 1 when any
  cdp.py shot FILE.html WIDTH OUT.png
                                     a full-page screenshot at WIDTH CSS pixels
  cdp.py eval FILE.html EXPRESSION   prints the JSON value of a JavaScript expression (awaited)
                                     evaluated after the page has loaded

Every command also fails when the page asks for anything but the file itself (a font, a
script or an image from another file or host): the HTML must be self-contained. The browser is
CHROMIUM (default /usr/bin/chromium); axe-core comes from node_modules beside this file (npm ci
--ignore-scripts in tests/browser)."""
import base64
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
AXE = os.path.join(HERE, "node_modules", "axe-core", "axe.min.js")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="ceo-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # the browser reads commands on fd 3 and writes answers on fd 4
        def fds():  # via fresh numbers: a pipe end may itself be 3 or 4, and close on exec
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
        args = [os.environ.get("CHROMIUM", "/usr/bin/chromium"), "--headless=new",
                "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                "--disable-gpu", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--metrics-recording-only", "--mute-audio",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--user-data-dir=" + self.profile, "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        self.proc = subprocess.Popen(args, preexec_fn=fds, pass_fds=(),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, close_fds=False)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read_message(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read_message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error'].get('message')}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        for i, m in enumerate(self.events):
            if m.get("method") == method and m.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            m = self._read_message()
            if m.get("method") == method and m.get("sessionId") == session:
                return m
            self.events.append(m)

    def open(self, path, width=1280):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=s)
        self.call("Network.enable", session=s)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
                  session=s)
        self.events.clear()
        url = "file://" + os.path.abspath(path)
        self.call("Page.navigate", {"url": url}, session=s)
        self.wait_event("Page.loadEventFired", s)
        asked = [m["params"]["request"]["url"] for m in self.events
                 if m.get("method") == "Network.requestWillBeSent" and m.get("sessionId") == s]
        foreign = [u for u in asked if u != url and not u.startswith("data:")]
        return s, foreign

    def eval(self, session, expression):
        r = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                           "returnByValue": True}, session=session)
        if "exceptionDetails" in r:
            raise RuntimeError(r["exceptionDetails"].get("exception", {}).get("description")
                               or r["exceptionDetails"].get("text"))
        return r["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        subprocess.run(["rm", "-rf", self.profile])


def axe(browser, path):
    s, foreign = browser.open(path)
    browser.eval(s, open(AXE, encoding="utf-8").read())
    res = browser.eval(s, "axe.run(document, {runOnly: {type: 'tag', values: %s}})"
                          ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
                          " help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))"
                       % json.dumps(WCAG))
    bad = 0
    for u in foreign:
        print(f"{path}: asks for {u} (the file must be self-contained)")
        bad += 1
    for v in res:
        print(f"{path}: axe {v['id']} ({v['impact']}): {v['help']}: {', '.join(v['nodes'][:3])}")
        bad += 1
    return bad


def main(argv):
    if len(argv) < 2 or argv[0] not in ("axe", "shot", "eval"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    b = Browser()
    try:
        if argv[0] == "axe":
            bad = sum(axe(b, p) for p in argv[1:])
            print(f"axe: {len(argv) - 1} file(s), {bad} violation(s) of WCAG 2.1 A/AA")
            return 1 if bad else 0
        if argv[0] == "shot":
            s, foreign = b.open(argv[1], int(argv[2]))
            h = b.eval(s, "Math.ceil(document.documentElement.scrollHeight)")
            b.call("Emulation.setDeviceMetricsOverride",
                   {"width": int(argv[2]), "height": h, "deviceScaleFactor": 1,
                    "mobile": int(argv[2]) < 600}, session=s)
            png = b.call("Page.captureScreenshot", {"format": "png"}, session=s)["data"]
            open(argv[3], "wb").write(base64.b64decode(png))
        else:
            s, foreign = b.open(argv[1])
            print(json.dumps(b.eval(s, argv[2]), ensure_ascii=False))
        for u in foreign:
            print(f"{argv[1]}: asks for {u} (the file must be self-contained)", file=sys.stderr)
        return 1 if foreign else 0
    finally:
        b.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
