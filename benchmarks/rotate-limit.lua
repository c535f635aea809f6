-- wrk script: like rotate.lua, and each thread stops after the number of responses given as the
-- second argument (for "after N requests" measures).
local paths = {}
local position = 0
local limit = 0
local responses = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  limit = tonumber(args[2] or "0") or 0
  position = math.random(#paths) - 1
end

function request()
  position = position % #paths + 1
  return wrk.format(nil, paths[position])
end

function response(status, headers, body)
  responses = responses + 1
  if limit > 0 and responses >= limit then wrk.thread:stop() end
end
