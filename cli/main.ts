// Placeholder until the CLI lands (issue 2, scope 5).
console.error('unbreakable: not implemented yet');
process.exitCode = 2;
