// The library API: `import { convert, render } from 'compose2agent'`. The CLI is a thin layer
// over these functions; they never touch files (a ConvertHost supplies what they read).
export { convert, PASS_NAMES } from './compile.js';
export type { ConvertHost, ConvertOptions, ConvertResult, PassName } from './compile.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export { catalogue } from './messages.js';
export type { Code } from './messages.js';
export { formatDiagnostics } from './format.js';
export { printYaml } from './yaml-out.js';
export { renderValues as render, printManifests } from './render/index.js';
export { explainManifests, formatExplanationJson, formatExplanationText } from './explain/index.js';
export { planImages } from './compile.js';
export type { ImagesResult } from './compile.js';
