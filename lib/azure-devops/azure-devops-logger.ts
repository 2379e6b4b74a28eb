/**
 * Where the Azure DevOps client reports what it does: `warn` for every retry (so slow or throttled
 * calls are visible), `debug` for every answered request. Lines never contain a token.
 */
export interface AzureDevOpsLogger {
  debug?(message: string): void;
  warn(message: string): void;
}
