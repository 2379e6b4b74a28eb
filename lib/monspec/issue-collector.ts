import { type MonspecIssue } from './monspec-validation-error';

/** Collects errors and warnings in document order while a monspec is being validated. */
export class IssueCollector {
  readonly errors: MonspecIssue[] = [];
  readonly warnings: MonspecIssue[] = [];

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  warning(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}
