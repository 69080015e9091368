// Evaluated before any other module of the CLI. The command-line tools run on the
// developer's Node (20 or later) while deployed functions run on Node 22, and SST's
// tooling still loads the AWS SDK v2: neither notice is actionable here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";
