#!/usr/bin/env python3
"""End-to-end test of the `msgsim serve` browser console in headless Chromium.

Starts `msgsim serve` on an ephemeral port with the browser as the agent seat,
drives the page through the Chrome DevTools protocol (a minimal WebSocket
client, standard library only) and checks what a tester would see:

  1. the customer view creates an SMS persona and writes;
  2. the agent view (presence online) gets the offer, accepts and replies;
  3. the customer view shows the reply;
  4. the customer texts STOP and sees the opt-out confirmation;
  5. the agent's next message is refused by consent and the page shows the
     refusal; the customer never receives it;
  6. SIGINT ends the session and report.json has no consent violation.

Exit 0 on success, 1 on a failure, 77 (ctest SKIP_RETURN_CODE) only when no
Chromium is installed.
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

SKIP = 77


class WebSocket:
    """A WebSocket client for one ws:// URL: handshake, masked text frames out,
    frames in (fragments joined, pings answered)."""

    def __init__(self, url, timeout):
        assert url.startswith("ws://"), url
        host_port, _, path = url[len("ws://"):].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        header = b""
        while b"\r\n\r\n" not in header:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("the DevTools WebSocket closed during the handshake")
            header += chunk
        if not header.startswith(b"HTTP/1.1 101"):
            raise ConnectionError("WebSocket handshake refused: " + header.decode(errors="replace"))

    def _exact(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("the DevTools WebSocket closed")
            data += chunk
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", length)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send_text(self, text):
        self._send_frame(0x1, text.encode())

    def receive_text(self):
        message = b""
        while True:
            first, second = self._exact(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._exact(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._exact(8))[0]
            mask = self._exact(4) if second & 0x80 else None
            payload = self._exact(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:  # ping
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("the DevTools WebSocket was closed by the browser")
            if opcode in (0x1, 0x2, 0x0):
                message += payload
                if first & 0x80:
                    return message.decode()


class Browser:
    """Headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, chromium, workdir, timeout):
        profile = os.path.join(workdir, "chromium-profile")
        command = [chromium, "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                   "--no-default-browser-check", "--remote-debugging-port=0", f"--user-data-dir={profile}",
                   "about:blank"]
        if os.geteuid() == 0:
            command.insert(1, "--no-sandbox")
        self.log = open(os.path.join(workdir, "chromium.log"), "wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + timeout
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("Chromium did not open its DevTools port (see chromium.log)")
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=timeout))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"], timeout)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send_text(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive_text())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out after {timeout} s waiting for: {what}")

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def js(text):
    return json.dumps(text)


def texts_of(selector):
    return f"Array.from(document.querySelectorAll({js(selector)})).map(e => e.textContent)"


def contains(selector, text):
    return f"{texts_of(selector)}.some(t => t.includes({js(text)}))"


def set_and_submit(input_id, button_id, text):
    return (f"(() => {{ document.getElementById({js(input_id)}).value = {js(text)}; "
            f"document.getElementById({js(button_id)}).click(); return true; }})()")


def start_serve(args, workdir):
    out = os.path.join(workdir, "out")
    command = [args.msgsim, "serve", args.scenario, "--port", "0", "--speed", str(args.speed),
               "--agent-seat", args.seat, "--out", out]
    serve = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    console_url = None
    deadline = time.time() + 30
    while console_url is None and time.time() < deadline:
        line = serve.stdout.readline()
        if not line:
            raise RuntimeError("msgsim serve exited early: " + serve.stderr.read())
        lines.append(line)
        if line.strip().startswith("console:"):
            console_url = line.split("console:", 1)[1].strip()
    if console_url is None:
        raise RuntimeError("msgsim serve printed no console URL")
    # Keep reading its output so a full pipe never blocks it.
    threading.Thread(target=lambda: lines.extend(serve.stdout), daemon=True).start()
    return serve, console_url, out, lines


def run_scenario(browser, console_url, wait):
    browser.call("Page.navigate", url=console_url)
    browser.wait_for("document.getElementById('status') && document.getElementById('status').textContent === 'live'",
                     "the page's event stream to connect", wait)
    browser.wait_for("document.getElementById('customer-channel').options.length > 0", "the channel list", wait)

    # The agent seat goes online.
    browser.evaluate("(() => { const s = document.getElementById('seat-presence'); s.value = 'online'; "
                     "s.dispatchEvent(new Event('change')); return true; })()")
    browser.wait_for(contains("#supervisor-view tr.seat td", "online"), "the seat online in the supervisor view", wait)

    # The customer writes on SMS.
    browser.evaluate("(() => { const s = document.getElementById('customer-channel'); s.value = 'sms-us'; "
                     "s.dispatchEvent(new Event('change')); document.getElementById('new-persona').click(); "
                     "return true; })()")
    browser.wait_for(contains("#persona-info", "sms-us"), "the SMS persona", wait)
    question = "Hello, my parcel never arrived"
    browser.evaluate(set_and_submit("customer-text", "customer-send", question))
    browser.wait_for(contains("#customer-log .item.sent", question), "the customer's message in the chat", wait)

    # The agent accepts the offer and replies.
    browser.wait_for("document.querySelector('#offers .offer button.accept') !== null", "an offer to the seat", wait)
    browser.evaluate("document.querySelector('#offers .offer button.accept').click(), true")
    browser.wait_for(contains("#conversation-log .entry.customer", question), "the conversation in the agent view",
                     wait)
    reply = "Sorry about that, I am checking with the carrier"
    browser.evaluate(set_and_submit("agent-text", "agent-send", reply))
    browser.wait_for(contains("#customer-log .item.received", reply), "the agent's reply on the customer's phone", wait)

    # The customer opts out; the agent's next message is refused and shown so.
    browser.evaluate(set_and_submit("customer-text", "customer-send", "STOP"))
    browser.wait_for(contains("#customer-log .item.received", "unsubscribed"), "the opt-out confirmation", wait)
    refused = "Can I help with anything else?"
    browser.evaluate(set_and_submit("agent-text", "agent-send", refused))
    browser.wait_for(contains("#conversation-log .refusal", refused), "the refusal in the agent view", wait)
    browser.wait_for("document.getElementById('agent-error').textContent.length > 0", "the refusal's reason", wait)
    browser.wait_for(contains("#consent-events li", "opt_out"), "the opt-out in the supervisor view", wait)
    time.sleep(2)
    if browser.evaluate(contains("#customer-log .item.received", refused)):
        raise AssertionError("the refused message reached the customer")


def check_report(out):
    with open(os.path.join(out, "report.json")) as file:
        report = json.load(file)
    metrics = report["metrics"]
    if metrics["consent"]["violations"] != 0:
        raise AssertionError(f"consent violations in report.json: {metrics['consent']}")
    if metrics["messages"]["lost"] != 0:
        raise AssertionError(f"lost messages in report.json: {metrics['messages']}")
    if metrics["consent"]["opt_outs"] < 1:
        raise AssertionError(f"the opt-out is missing from report.json: {metrics['consent']}")


def find_chromium(given):
    if given:
        return given if os.path.exists(given) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msgsim", required=True, help="the msgsim binary")
    parser.add_argument("--scenario", required=True, help="scenario with an SMS channel served by --seat only")
    parser.add_argument("--seat", default="desk", help="agent group the browser plays")
    parser.add_argument("--speed", type=float, default=5.0)
    parser.add_argument("--chromium", help="Chromium binary (default: found on PATH)")
    parser.add_argument("--wait", type=float, default=20.0, help="seconds to wait for each step")
    args = parser.parse_args()

    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("SKIP: Chromium is not installed (scripts/bootstrap installs it)")
        return SKIP

    workdir = tempfile.mkdtemp(prefix="msgsim-console-e2e-")
    serve, browser, lines = None, None, []
    try:
        serve, console_url, out, lines = start_serve(args, workdir)
        browser = Browser(chromium, workdir, args.wait)
        run_scenario(browser, console_url, args.wait)
        serve.send_signal(signal.SIGINT)
        code = serve.wait(timeout=30)
        if code != 0:
            raise AssertionError(f"msgsim serve exited with {code} after SIGINT: {serve.stderr.read()}")
        check_report(out)
        print("console e2e: customer chat, agent reply, STOP and the refusal all shown; report clean")
        return 0
    except Exception as error:  # every failure is reported with what the tester would have seen
        print(f"FAIL: {error}", file=sys.stderr)
        if browser is not None:
            try:
                print("page text:\n" + browser.evaluate("document.body.innerText"), file=sys.stderr)
            except Exception:
                pass
        print("msgsim output:\n" + "".join(lines[-40:]), file=sys.stderr)
        return 1
    finally:
        if browser is not None:
            browser.close()
        if serve is not None and serve.poll() is None:
            serve.kill()
            serve.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
