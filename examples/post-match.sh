#!/usr/bin/env bash
# Posts the example match to the bus of a deployed stage, in seq order, 10 events per call.
#   examples/post-match.sh STAGE        (default: dev; the bus is STAGE-match-events)
# Uses the aws CLI with your credentials and region (AWS_PROFILE, or AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY; AWS_DEFAULT_REGION, or AWS_REGION). Stops with a message and exit
# code 1 when a call fails or EventBridge refuses any entry. Against the local cloud:
#   AWS_ENDPOINT_URL=http://127.0.0.1:4010 examples/post-match.sh local   (any credentials)
# A deployed bus takes feed events only from the stage's FeedProducer role: the script
# assumes it first (the caller needs sts:AssumeRole on it), except against a local
# endpoint (AWS_ENDPOINT_URL) or when FEED_ROLE=none says the caller already holds it.
set -euo pipefail
stage="${1:-dev}"
bus="${stage}-match-events"
dir="$(cd "$(dirname "$0")" && pwd)"
# The aws CLI v1 reads AWS_DEFAULT_REGION only; the SDKs read AWS_REGION.
region=()
if [[ -z "${AWS_DEFAULT_REGION:-}" && -n "${AWS_REGION:-}" ]]; then region=(--region "$AWS_REGION"); fi
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

if [[ -z "${AWS_ENDPOINT_URL:-}" && "${FEED_ROLE:-}" != "none" ]]; then
  role="${FEED_ROLE:-}"
  if [[ -z "$role" ]]; then
    role="$(aws ${region[@]+"${region[@]}"} cloudformation describe-stacks --stack-name "${stage}-pricing-engine-Events" \
      --query "Stacks[0].Outputs[?OutputKey=='FeedProducerRoleArn'].OutputValue" --output text 2>"$errors")" || {
      echo "post-match: cannot read the FeedProducerRoleArn output of ${stage}-pricing-engine-Events:" >&2
      cat "$errors" >&2
      exit 1
    }
  fi
  credentials="$(aws ${region[@]+"${region[@]}"} sts assume-role --role-arn "$role" --role-session-name "example-feed" \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text 2>"$errors")" || {
    echo "post-match: cannot assume the feed producer role $role:" >&2
    cat "$errors" >&2
    exit 1
  }
  read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN <<<"$credentials"
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
  unset AWS_PROFILE
fi
for file in "$dir"/put-events/*.json; do
  name="$(basename "$file")"
  entries="$(sed "s/\"dev-match-events\"/\"${bus}\"/" "$file")"
  if ! out="$(aws ${region[@]+"${region[@]}"} events put-events --entries "$entries" --output json 2>"$errors")"; then
    echo "post-match: aws events put-events failed for $name on bus $bus:" >&2
    cat "$errors" >&2
    exit 1
  fi
  # One line "<put> <failed>", then one line per refused entry.
  report="$(node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d)).on("end", () => {
      const out = JSON.parse(text || "{}");
      const entries = out.Entries ?? [];
      const failed = out.FailedEntryCount ?? entries.filter((e) => e.ErrorCode).length;
      console.log(`${entries.length - failed} ${failed}`);
      entries.forEach((e, i) => e.ErrorCode && console.log(`  entry ${i + 1}: ${e.ErrorCode} ${e.ErrorMessage ?? ""}`));
    });' <<<"$out")" || { echo "post-match: cannot read the answer to $name: $out" >&2; exit 1; }
  read -r put failed <<<"$(head -n 1 <<<"$report")"
  if [[ "$failed" != "0" ]]; then
    echo "post-match: EventBridge refused $failed of the entries of $name on bus $bus:" >&2
    tail -n +2 <<<"$report" >&2
    exit 1
  fi
  echo "$name: $put events put on $bus"
done
