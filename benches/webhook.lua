-- wrk script for benches/webhook.sh: the same signed Shopify delivery each time (body and
-- X-Shopify-Hmac-Sha256 precomputed by the shell script), with a unique X-Shopify-Webhook-Id per
-- request so that the receivers' dedupe never answers from an earlier delivery.
local body = os.getenv("WH_BODY")
local sig = os.getenv("WH_SIG")
local path = os.getenv("WH_PATH")
local run = os.getenv("WH_RUN")

local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local n = 0
function request()
  n = n + 1
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["X-Shopify-Hmac-Sha256"] = sig,
    ["X-Shopify-Webhook-Id"] = run .. "-" .. tid .. "-" .. n,
    ["X-Shopify-Topic"] = "orders/create",
    ["X-Shopify-Shop-Domain"] = "example.myshopify.com",
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
