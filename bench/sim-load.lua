-- wrk script for bench/sim-load: one small completions request (a 7-token prompt, 16 output tokens).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"sim-model","prompt":"Say hello to the simulated replica.","max_tokens":16,"ignore_eos":true}'
