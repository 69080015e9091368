// Imported first by test files that load handler modules: Powertools reads these when
// its Logger and Metrics are constructed, at import.
process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED = "true";
