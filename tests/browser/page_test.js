// page_test.js - the web page in headless chromium over the DevTools protocol (no npm packages:
// a small WebSocket client on node's net module). Loads the page from a running newsfuse-server,
// uploads the bundled example's files through the file input, submits, and checks that the summary
// (with outlet names), the conflicts, the quotes and the sources appear, that clicking a summary
// sentence marks its span in its report, that every control has a label, that text contrast is at
// least 4.5:1, and that the page fits a 375 px phone screen. Saves screenshots.
// Usage: node page_test.js URL EXAMPLE_DIR OUT_DIR [SCREENSHOT_COPY]
"use strict";
const { spawn } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");

const [url, exampleDir, outDir, copyTo] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || "chromium";
let failures = 0, passes = 0;
function check(ok, what) {
  if (ok) passes++;
  else { failures++; console.log("FAIL " + what); }
}

// --- a minimal WebSocket client (RFC 6455: masked text frames out, unmasked frames in)
function wsConnect(wsUrl) {
  const u = new URL(wsUrl);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname);
    const key = crypto.randomBytes(16).toString("base64");
    let buf = Buffer.alloc(0), open = false, parts = [];
    const ws = { onmessage: null, send(text) {
      const data = Buffer.from(text), mask = crypto.randomBytes(4);
      let head;
      if (data.length < 126) head = Buffer.from([0x81, 0x80 | data.length]);
      else if (data.length < 65536) { head = Buffer.alloc(4); head[0] = 0x81; head[1] = 0xfe; head.writeUInt16BE(data.length, 2); }
      else { head = Buffer.alloc(10); head[0] = 0x81; head[1] = 0xff; head.writeBigUInt64BE(BigInt(data.length), 2); }
      const body = Buffer.alloc(data.length);
      for (let i = 0; i < data.length; i++) body[i] = data[i] ^ mask[i & 3];
      sock.write(Buffer.concat([head, mask, body]));
    }, close() { sock.destroy(); } };
    sock.on("error", reject);
    sock.on("connect", () => sock.write(
      `GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`));
    sock.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!open) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        if (!/^HTTP\/1\.1 101/.test(buf.slice(0, end).toString())) return reject(new Error("no WebSocket upgrade"));
        buf = buf.slice(end + 4);
        open = true;
        resolve(ws);
      }
      for (;;) {
        if (buf.length < 2) return;
        let len = buf[1] & 0x7f, off = 2;
        if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
        else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
        if (buf.length < off + len) return;
        const fin = buf[0] & 0x80, op = buf[0] & 0x0f, payload = buf.slice(off, off + len);
        buf = buf.slice(off + len);
        if (op === 1 || op === 0) {
          parts.push(payload);
          if (fin) { const msg = Buffer.concat(parts).toString(); parts = []; if (ws.onmessage) ws.onmessage(msg); }
        }
      }
    });
  });
}

// --- DevTools protocol over one browser connection, one page session
function cdp(ws) {
  let id = 0;
  const pending = new Map(), waiters = [];
  ws.onmessage = (text) => {
    const m = JSON.parse(text);
    if (m.id && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) reject(new Error(JSON.stringify(m.error))); else resolve(m.result);
    } else if (m.method) {
      for (let i = waiters.length - 1; i >= 0; i--)
        if (waiters[i].method === m.method) { waiters[i].resolve(m.params); waiters.splice(i, 1); }
    }
  };
  return {
    send(method, params, sessionId) {
      return new Promise((resolve, reject) => {
        const msg = { id: ++id, method, params: params || {} };
        if (sessionId) msg.sessionId = sessionId;
        pending.set(msg.id, { resolve, reject });
        ws.send(JSON.stringify(msg));
      });
    },
    event(method) { return new Promise((resolve) => waiters.push({ method, resolve })); },
  };
}

function startChromium() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nf-chromium-"));
  const args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
                "--user-data-dir=" + dir, "about:blank"];
  const p = spawn(chromium, args, { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    const t = setTimeout(() => reject(new Error("chromium did not start: " + err.slice(-500))), 60000);
    p.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(t); resolve({ proc: p, ws: m[1], dir }); }
    });
    p.on("exit", (code) => reject(new Error("chromium exited with " + code + ": " + err.slice(-500))));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const browser = await startChromium();
  let ws;
  try {
    ws = await wsConnect(browser.ws);
    const c = cdp(ws);
    const { targetId } = await c.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await c.send("Target.attachToTarget", { targetId, flatten: true });
    const send = (m, p) => c.send(m, p, sessionId);
    const evaluate = async (expr) => {
      const r = await send("Runtime.evaluate", { expression: expr, returnByValue: true, awaitPromise: true });
      if (r.exceptionDetails) throw new Error("page: " + JSON.stringify(r.exceptionDetails).slice(0, 300));
      return r.result.value;
    };
    const until = async (expr, what, ms) => {
      for (let t = 0; t < (ms || 30000); t += 100) { if (await evaluate(expr)) { passes++; return true; } await sleep(100); }
      check(false, "timed out waiting for " + what);
      return false;
    };
    await send("Page.enable");
    await send("Runtime.enable");
    await send("Emulation.setDeviceMetricsOverride", { width: 1024, height: 900, deviceScaleFactor: 1, mobile: false });
    const loaded = c.event("Page.loadEventFired");
    await send("Page.navigate", { url });
    await loaded;
    check(await evaluate("document.title") === "newsfuse", "page title");
    const unlabelled = await evaluate(`[...document.querySelectorAll("input:not([type=hidden]),select,textarea")]
      .filter(e => !e.labels.length && !e.getAttribute("aria-label")).map(e => e.id || e.name)`);
    check(unlabelled.length === 0, "controls without a label: " + unlabelled.join(", "));
    check(await evaluate(`document.getElementById("words").max`) === "100000", "word limit is the API's 100000");

    // a JSONL record (two documents) and an HTML file are read into the list; then removed
    const { root } = await send("DOM.getDocument", {});
    const { nodeId } = await send("DOM.querySelector", { nodeId: root.nodeId, selector: "#files" });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nf-page-"));
    fs.writeFileSync(path.join(tmp, "c.jsonl"), JSON.stringify({ id: "x", documents: [
      { text: "The ferry left the harbor at noon, the port said.", source: "Port Desk", extra: 1 },
      "A second report on the ferry said it left at noon."] }) + "\n");
    fs.writeFileSync(path.join(tmp, "d.html"), "<html><body><p>The ferry left at noon.</p></body></html>");
    await send("DOM.setFileInputFiles", { nodeId, files: [path.join(tmp, "c.jsonl"), path.join(tmp, "d.html")] });
    await until(`document.querySelectorAll("#docs li").length === 3`, "a JSONL file's two documents and an HTML file in the list");
    const listed = await evaluate(`[...document.querySelectorAll("#docs li span")].map(e => e.textContent).join(" | ")`);
    check(/c\.jsonl:1 .*c\.jsonl:1\.1 .*d\.html \(HTML\)/.test(listed), "the list: " + listed);
    for (let i = 0; i < 3; i++) await evaluate(`document.querySelector("#docs li button").click()`);
    check(await evaluate(`document.querySelectorAll("#docs li").length`) === 0, "Remove empties the list");
    fs.rmSync(tmp, { recursive: true, force: true });

    // upload the bundled example through the file input
    const files = fs.readdirSync(exampleDir).filter((f) => f.endsWith(".txt")).sort().map((f) => path.resolve(exampleDir, f));
    await send("DOM.setFileInputFiles", { nodeId, files });
    await until(`document.querySelectorAll("#docs li").length === ${files.length}`, "the uploaded files in the list");
    await evaluate(`document.getElementById("go").click()`);
    await until(`!document.getElementById("result").hidden && document.querySelectorAll("#summary li").length > 0`, "the summary");
    const got = await evaluate(`({
      sentences: document.querySelectorAll("#summary li").length,
      outlets: [...document.querySelectorAll("#summary .outlet")].map(e => e.textContent),
      conflicts: document.querySelectorAll("#conflicts .conflict").length,
      conflictText: document.querySelector("#conflicts").textContent,
      quotes: document.querySelectorAll("#quotes blockquote").length,
      sources: [...document.querySelectorAll("#sources tbody th")].map(e => e.textContent),
      status: document.getElementById("status").textContent })`);
    check(got.sentences >= 2, "summary sentences: " + got.sentences);
    check(got.outlets.length && got.outlets.every((o) => !/\bdoc \d|Report \d/.test(o)), "outlet names in the summary: " + got.outlets.join(" | "));
    check(got.sources.includes("Newswire") && got.sources.includes("WNC"), "sources table outlets: " + got.sources.join(", "));
    check(got.conflicts >= 1 && /people killed/.test(got.conflictText), "conflicts: " + got.conflicts);
    check(got.quotes >= 1, "quotes: " + got.quotes);
    check(/^Done: /.test(got.status), "status line: " + got.status);

    // click (mouse events) the second summary sentence: its span is marked in its report
    const box = await evaluate(`(() => { const b = document.querySelectorAll("#summary .sent")[1];
      b.scrollIntoView({block: "center"}); const r = b.getBoundingClientRect();
      return {x: r.left + 10, y: r.top + r.height / 2, text: b.firstChild.textContent.trim()}; })()`);
    for (const type of ["mousePressed", "mouseReleased"])
      await send("Input.dispatchMouseEvent", { type, x: box.x, y: box.y, button: "left", clickCount: 1 });
    await until(`!!document.querySelector("mark.active")`, "the highlighted source span", 5000);
    const hl = await evaluate(`(() => { const m = document.querySelector("mark.active");
      return m ? {text: m.textContent, open: m.closest("details").open, active: document.activeElement === m,
                  pressed: document.querySelectorAll(".sent[aria-pressed=true]").length} : null; })()`);
    check(hl && hl.text.replace(/\s+/g, " ").trim() === box.text.replace(/\s+/g, " "), "the marked span is the sentence: " + (hl && hl.text));
    check(hl && hl.open && hl.active && hl.pressed === 1, "the report is open and the span focused: " + JSON.stringify(hl));

    // contrast of every visible text against its background (WCAG AA, 4.5:1)
    const low = await evaluate(`(() => {
      const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
      const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                         return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
      const bg = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                        if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
      const out = [];
      for (const e of document.querySelectorAll("body *")) {
        if (!e.offsetParent || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
        const r = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (r < 4.5) out.push(e.tagName + "." + e.className + " " + r.toFixed(2));
      }
      return out; })()`);
    check(low.length === 0, "text under 4.5:1 contrast: " + low.slice(0, 5).join("; "));

    fs.mkdirSync(outDir, { recursive: true });
    const shot = async (file, width, maxHeight) => {
      const m = await send("Page.getLayoutMetrics");
      const h = Math.min(Math.ceil((m.cssContentSize || m.contentSize).height), maxHeight);
      const { data } = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true,
                                                              clip: { x: 0, y: 0, width, height: h, scale: 1 } });
      fs.writeFileSync(file, Buffer.from(data, "base64"));
      return file;
    };
    await evaluate(`window.scrollTo(0, 0)`);
    const desk = await shot(path.join(outDir, "server-page.png"), 1024, 2600);
    if (copyTo) fs.copyFileSync(desk, copyTo);

    // phone width: nothing wider than the screen
    await send("Emulation.setDeviceMetricsOverride", { width: 375, height: 800, deviceScaleFactor: 1, mobile: true });
    await sleep(300);
    const wide = await evaluate(`document.documentElement.scrollWidth`);
    check(wide <= 375, "at 375 px the page is " + wide + " px wide");
    await shot(path.join(outDir, "server-page-phone.png"), 375, 2400);
    // "Try the example" replaces the list with the served example
    await evaluate(`document.getElementById("example").click()`);
    await until(`document.querySelectorAll("#docs li").length === 5 && /The example/.test(document.getElementById("status").textContent)`,
                "the example's five reports after Try the example");
    await c.send("Target.closeTarget", { targetId });
  } finally {
    if (ws) ws.close();
    browser.proc.kill("SIGKILL");
    await sleep(200);
    fs.rmSync(browser.dir, { recursive: true, force: true });
  }
  console.log(`browser: ${passes} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.log("FAIL " + e.message); process.exit(1); });
