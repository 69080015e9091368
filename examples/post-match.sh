#!/usr/bin/env bash
# Posts the example match to the bus of a deployed stage, in seq order, 10 events per call.
#   examples/post-match.sh STAGE        (default: dev; the bus is STAGE-match-events)
set -euo pipefail
stage="${1:-dev}"
dir="$(cd "$(dirname "$0")" && pwd)"
for file in "$dir"/put-events/*.json; do
  entries="$(sed "s/\"dev-match-events\"/\"${stage}-match-events\"/" "$file")"
  aws events put-events --entries "$entries" --query 'FailedEntryCount' --output text
done
