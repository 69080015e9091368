#!/usr/bin/env bash
# Posts the example match to the bus of a deployed stage, in seq order, 10 events per call.
#   examples/post-match.sh STAGE        (default: dev; the bus is STAGE-match-events)
# The bus takes feed events only from the stage's FeedProducer role: the script
# assumes it first (the caller needs sts:AssumeRole on it).
set -euo pipefail
stage="${1:-dev}"
dir="$(cd "$(dirname "$0")" && pwd)"
role="$(aws cloudformation describe-stacks --stack-name "${stage}-pricing-engine-Events" \
  --query "Stacks[0].Outputs[?OutputKey=='FeedProducerRoleArn'].OutputValue" --output text)"
read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN < <(aws sts assume-role \
  --role-arn "$role" --role-session-name "example-feed" \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
for file in "$dir"/put-events/*.json; do
  entries="$(sed "s/\"dev-match-events\"/\"${stage}-match-events\"/" "$file")"
  aws events put-events --entries "$entries" --query 'FailedEntryCount' --output text
done
