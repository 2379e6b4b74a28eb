/**
 * A ready-to-paste request to the local gate: the sample app's service, compared staging against
 * production with an inline monspec, so it works against the built-in simulator without any setup. The
 * README shows this exact command for `http://127.0.0.1:7071`, and a test runs it against `npm start`.
 */
export function gateCurlExample(baseUrl: string, options: { readonly keyRequired: boolean }): string {
  return [
    `curl -sS -X POST ${baseUrl}/api/gate \\`,
    "  -H 'Content-Type: application/json' \\",
    ...(options.keyRequired ? ['  -H "x-functions-key: $FUNCTIONS_KEY" \\'] : []),
    "  -d '{",
    '    "service": "SampleJSonService",',
    '    "comparison": "StagingToProduction",',
    '    "monspec": {',
    '      "SampleJSonService": {',
    '        "environments": {',
    '          "Staging": { "tags": [{ "key": "DeploymentGroup", "value": "Staging" }] },',
    '          "Production": { "tags": [{ "key": "DeploymentGroup", "value": "Production" }] }',
    '        },',
    '        "comparisons": [',
    '          { "name": "StagingToProduction", "source": "Staging", "compare": "Production", "scalefactorperc": { "default": 15 } }',
    '        ],',
    '        "perfsignature": [',
    '          { "timeseries": "com.dynatrace.builtin:service.responsetime", "aggregate": "avg" },',
    '          { "timeseries": "com.dynatrace.builtin:service.failurerate", "aggregate": "avg" }',
    '        ]',
    '      }',
    '    }',
    "  }'",
  ].join('\n');
}
