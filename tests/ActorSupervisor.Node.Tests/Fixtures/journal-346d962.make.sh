set -e
U=http://127.0.0.1:34971/api/v1/containers
post() { curl -sS -f -X POST -H 'Content-Type: application/json' "$@"; echo; }
post "$U?start=true" -d '{"name":"crashy","runtime":"process","cmd":"sleep 0.2; exit 3","restart":"on-failure:3","backoff":{"initial":"100ms","multiplier":2,"max":"1s"}}'
post "$U?start=true" -d '{"name":"stopped","runtime":"process","command":["sleep","300"],"stopTimeout":"2s"}'
post "$U?start=true" -d '{"name":"removed","runtime":"process","command":["sleep","300"]}'
post "$U?start=true" -d '{"name":"checked","runtime":"process","command":["sleep","300"],"labels":{"tier":"db"},"healthcheck":{"test":["CMD-SHELL","true"],"interval":"1s","timeout":"1s","retries":2}}'
post "$U?start=true" -d '{"name":"done","runtime":"process","cmd":"echo hi; exit 0"}'
post "$U" -d '{"name":"idle","runtime":"process","command":["sleep","1"]}'
sleep 1
post "$U/stopped/stop"
curl -sS -f -X DELETE "$U/removed?force=true"; echo
post "$U/checked/update" -d '{"restart":"unless-stopped"}'
sleep 4
post "$U/checked/stop"
curl -sS "$U?all=true"; echo
