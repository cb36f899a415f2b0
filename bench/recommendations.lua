-- wrk script for bench/serving.sh: GET /v1/companies/{cn}/recommendations for random firms
-- of a sample of the snapshot's corporate numbers (CN_SAMPLE, one per line), with the bench
-- key (BENCH_KEY). RATE_PER_CONN > 0 paces each connection to that many requests per second
-- (wrk has no -R): total rate = connections x RATE_PER_CONN.
local cns = {}
for line in io.lines(os.getenv("CN_SAMPLE")) do
  cns[#cns + 1] = line
end
local auth = "Bearer " .. (os.getenv("BENCH_KEY") or "bench-key")
local rate = tonumber(os.getenv("RATE_PER_CONN") or "0")
math.randomseed(os.time() + math.floor(os.clock() * 1000000))

request = function()
  local cn = cns[math.random(#cns)]
  return wrk.format("GET", "/v1/companies/" .. cn .. "/recommendations?limit=10",
    { ["Authorization"] = auth })
end

if rate > 0 then
  delay = function()
    return math.floor(1000 / rate + 0.5)
  end
end
