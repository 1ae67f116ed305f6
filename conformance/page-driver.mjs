// Runs a bundle's own web page (index.html) in headless Debian Chromium and feeds it held-out data
// through the page's own preprocessing (window.netloom.predict): pictures are fetched and decoded
// by the browser through the same canvas path as the page's file input. Prints one JSON line per
// example, as the Node.js example's --batch does, and a first line {"versions": ...}.
//
//   node page-driver.mjs BUNDLE_DIR DATA
//   node page-driver.mjs BUNDLE_DIR --without-runtime   the page with no ort/ folder and no network:
//                                                       prints the page's status line and exits
//
// onnxruntime-web is served from this folder's node_modules as the page's ort/ folder; every
// request that does not go to the local server is refused, so the page cannot fall back to the CDN.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [bundleArg, dataArg] = process.argv.slice(2);
if (!bundleArg || !dataArg) {
  console.error("usage: node page-driver.mjs BUNDLE_DIR DATA");
  process.exit(2);
}
const withoutRuntime = dataArg === "--without-runtime";
const bundle = path.resolve(bundleArg), data = withoutRuntime ? bundle : path.resolve(dataArg);
const ortDist = path.join(HERE, "node_modules", "onnxruntime-web", "dist");
const dataRoot = fs.statSync(data).isDirectory() ? data : path.dirname(data);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
  ".json": "application/json", ".png": "image/png", ".jpg": "image/jpeg", ".txt": "text/plain" };

// /b/... the bundle, /b/ort/... onnxruntime-web, /data/... the held-out data; nothing else.
function place(urlPath) {
  const p = decodeURIComponent(urlPath.split("?")[0]);
  const inside = (root, rest) => {
    const f = path.resolve(root, "." + path.posix.normalize("/" + rest));
    return f.startsWith(root + path.sep) ? f : null;
  };
  if (p.startsWith("/b/ort/")) return withoutRuntime ? null : inside(ortDist, p.slice("/b/ort/".length));
  if (p.startsWith("/b/")) return inside(bundle, p.slice(3));
  if (p.startsWith("/data/")) return inside(dataRoot, p.slice(6));
  return null;
}

const server = http.createServer((req, res) => {
  const file = place(req.url);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise(resolve => server.listen(0, "127.0.0.1", resolve));
const origin = "http://127.0.0.1:" + server.address().port;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "netloom-chromium-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] || await context.newPage();
  await page.route("**/*", route => route.request().url().startsWith(origin + "/") ? route.continue() : route.abort());
  const problems = [];
  page.on("pageerror", e => problems.push(e.message));
  await page.goto(origin + "/b/index.html");
  if (withoutRuntime) {
    await page.evaluate(() => window.netloom.ready).catch(() => {});
    process.stdout.write(JSON.stringify({ status: await page.textContent("#status") }) + "\n");
    process.exit(0);
  }
  try {
    await page.evaluate(() => window.netloom.ready);
  } catch (e) {
    const status = await page.textContent("#status").catch(() => "");
    throw new Error("the page did not start: " + status + " " + problems.join("; "));
  }
  const versions = await page.evaluate(() => window.netloom.ortVersion());
  const browser = context.browser() ? context.browser().version() : "";
  process.stdout.write(JSON.stringify({ versions, chromium: browser || (await page.evaluate(() => navigator.userAgent)) }) + "\n");

  const manifest = JSON.parse(fs.readFileSync(path.join(bundle, "manifest.json"), "utf8"));
  const { listExamples } = await import(pathToFileURL(path.join(bundle, "run_model.mjs")).href);
  for (const ex of listExamples(manifest.inputs, data)) {
    let line;
    try {
      if (ex.error) throw new Error(ex.error);
      const values = ex.values.map((v, i) => typeof v === "string" && path.isAbsolute(v) && fs.existsSync(v)
          && (manifest.inputs[i].preprocessing || {}).kind === "image"
          ? origin + "/data/" + path.relative(dataRoot, v).split(path.sep).map(encodeURIComponent).join("/") : v);
      const r = await page.evaluate(vs => window.netloom.predict(vs), values);
      line = { id: ex.id, label: ex.label, top: r.top, topIndex: r.topIndex, outputs: r.outputs };
    } catch (e) {
      line = { id: ex.id, label: ex.label, error: String(e.message).split("\n")[0] };
    }
    process.stdout.write(JSON.stringify(line) + "\n");
  }
} finally {
  if (context) await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
