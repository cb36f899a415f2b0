-- wrk script for bench/serving.sh: GET /healthz (the server's floor: routing, headers, metrics).
request = function()
  return wrk.format("GET", "/healthz")
end
