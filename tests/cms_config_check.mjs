// Checks a CMS configuration (JSON, the file named first) with Decap CMS's own validateConfig, as the
// admin page runs it before it starts: the configuration schema of decap-cms-core with the schemas of the
// widgets decap-cms registers. Run from a folder whose node_modules holds decap-cms (tools/cms).
//
// decap-cms-core ships only browser bundles and babel output whose imports Node cannot load as they
// stand, so the schema's module is read as text and given what it imports: ajv and its keywords
// (required), the i18n constants and format names (read from decap-cms-core's own files), and the widgets.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const modules = join(process.cwd(), 'node_modules');
const core = join(modules, 'decap-cms-core', 'dist', 'esm');
const require = createRequire(join(core, 'constants', 'configSchema.js'));
const read = (...parts) => readFileSync(join(core, ...parts), 'utf8');
const evaluate = (expression) => new Function(`return (${expression});`)();

const i18n = read('lib', 'i18n.js');
const constant = (name) => evaluate(i18n.match(new RegExp(`export let ${name} = ([\\s\\S]*?\\}\\(\\{\\}\\));`))[1]);
const formats = read('formats', 'formats.js');
const frontmatterFormats = evaluate(formats.match(/export const frontmatterFormats = (\[[^\]]*\]);/)[1]);
const extensionFormatters = Object.fromEntries(
  formats.match(/export const extensionFormatters = \{([^}]*)\}/)[1].split(',')
    .map((line) => line.split(':')[0].trim().replace(/'/g, '')).filter(Boolean).map((key) => [key, {}]));

const widgets = readdirSync(modules).filter((name) => name.startsWith('decap-cms-widget-')).map((name) => {
  const file = join(modules, name, 'dist', 'esm', 'schema.js');
  const schema = existsSync(file)
    ? evaluate(readFileSync(file, 'utf8').replace(/^export default /m, '').replace(/;\s*$/, '')) : {};
  return { name: name.replace('decap-cms-widget-', ''), schema };
});

const body = read('constants', 'configSchema.js').replace(/^import [^;]*;$/gm, '').replace(/^export /gm, '');
const keywords = require('ajv-keywords/dist/keywords');
const defaultOf = (module) => module.default ?? module;
const { validateConfig } = new Function(
  'AJV', 'select', 'uniqueItemProperties', 'instanceOf', 'prohibited', 'ajvErrors', 'frontmatterFormats',
  'extensionFormatters', 'getWidgets', 'I18N_STRUCTURE', 'I18N_FIELD', `${body}\nreturn { validateConfig };`,
)(defaultOf(require('ajv')), keywords.select, keywords.uniqueItemProperties, keywords.instanceof,
  keywords.prohibited, defaultOf(require('ajv-errors')), frontmatterFormats, extensionFormatters,
  () => widgets, constant('I18N_STRUCTURE'), constant('I18N_FIELD'));

console.error = () => {};  // validateConfig logs its errors before it throws them; the message says them
try {
  validateConfig(JSON.parse(readFileSync(process.argv[2], 'utf8')));
} catch (error) {
  process.stdout.write(`${error.message}\n`);
  process.exit(1);
}
process.stdout.write('valid\n');
