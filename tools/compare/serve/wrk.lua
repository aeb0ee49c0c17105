-- wrk script of serve.sh. Environment:
--   WRK_BODY_FILE  POST this file's contents as application/json (the echo workload)
--   WRK_STOP_AFTER stop after this many responses (counted per thread: run with -t1) and end wrk
--                  at once (give -d as an upper bound); only then is a response() hook defined,
--                  since wrk parses every response for Lua when one is
-- done() prints one JSON line: requests, duration_us, bytes, errors, latency percentiles (µs).
local body_file = os.getenv("WRK_BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end

local stop_after = tonumber(os.getenv("WRK_STOP_AFTER") or "")
if stop_after then
  local count = 0
  function response(status, headers, body)
    count = count + 1
    if count == stop_after then
      -- thread:stop() alone leaves wrk sleeping out -d; SIGINT ends that sleep and wrk reports at
      -- once, but only if the main thread takes the signal: sent a little later, when this thread is gone
      wrk.thread:stop()
      local stat = io.open("/proc/self/stat")
      local pid = stat:read("*n")
      stat:close()
      os.execute("(sleep 0.2; kill -INT " .. pid .. ") &")
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"mean":%.1f,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
