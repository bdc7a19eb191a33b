-- wrk script for bench/gateway-vs-nginx: one small non-streaming completions request (a 7-token
-- prompt, 16 output tokens, ~0.5 KB of JSON back).
--
-- With RATE set (requests/s for this wrk thread; run wrk with -t1) the load is open-loop: request k
-- is due at start + k/RATE, whatever happened to the earlier ones. wrk asks delay() before each send
-- on a free connection; it returns the wait until the next due slot, or 0 when the schedule is behind,
-- so a slow response does not lower the offered rate as long as a connection is free. wrk measures
-- latency from the moment a request is written. Without RATE, delay() is not defined and every
-- connection sends as fast as it gets answers (closed loop: the maximum rate).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"sim-model","prompt":"Say hello to the simulated replica.","max_tokens":16,"ignore_eos":true}'

local rate = tonumber(os.getenv("RATE") or "0") or 0
if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *ts);
  ]]
  local CLOCK_MONOTONIC = 1
  local ts = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local interval_ms = 1000 / rate
  local next_due = nil

  function delay()
    local now = now_ms()
    if next_due == nil then
      next_due = now
    end
    next_due = next_due + interval_ms
    local wait = next_due - now
    -- wrk takes whole milliseconds: the schedule, not each wait, keeps the rate exact.
    if wait < 1 then
      return 0
    end
    return math.floor(wait)
  end
end
