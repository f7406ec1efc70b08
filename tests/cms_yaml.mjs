// What the CMS writes, for tests/test_cms_yaml.py: reads a JSON request on stdin, prints a JSON answer.
//   {"casebook": [{"text": ...} | {"data": ..., "sortedKeys": [...]}]}: each file read and written again
//       by the casebook-yaml format (casebook/publish/cms_assets/casebook-yaml.mjs), as /admin/ runs it;
//       An item may name "caseLists" (as casebook-cms.js registers casebook-case-yaml); "read" then also
//       answers what the CMS holds after reading;
//   {"decap": [data, ...]}: each written by Decap's built-in YAML format (decap-cms-core's formats/yaml.ts:
//       the yaml package v1, which Decap depends on, with createNode), the format casebook-yaml replaces;
//   {"stories": [body, ...]}: each story saved by Decap's yaml-frontmatter format (formats/frontmatter.ts:
//       gray-matter with Decap's YAML), as the stories collection saves an entry that has only a body.
// Run from tools/cms (its node_modules); the packages are those Decap itself was installed with.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { casebookYaml } from '../casebook/publish/cms_assets/casebook-yaml.mjs';

const modules = resolve(process.argv[2]);
const require = createRequire(join(modules, 'decap-cms-core', 'package.json'));
const YAML = (await import(pathToFileURL(join(modules, 'yaml', 'dist', 'index.js')).href)).default;
const yamlV1 = require('yaml'); // decap-cms-core's own (v1)
const matter = require('gray-matter');

const casebook = casebookYaml(YAML);

// Decap's yaml.ts toFile, without its comments (Casebook's collections configure none).
function decapToFile(data, sortedKeys = []) {
  const contents = yamlV1.createNode(data);
  contents.items.sort((a, b) => {
    const idxA = sortedKeys.indexOf(a.key?.toString());
    const idxB = sortedKeys.indexOf(b.key?.toString());
    if (idxA === -1 || idxB === -1) return 0;
    return idxA - idxB;
  });
  const doc = new yamlV1.Document();
  doc.contents = contents;
  return doc.toString();
}

// Decap's FrontmatterFormatter.toFile for 'yaml-frontmatter', its YAML engine being yaml.ts.
function decapStory(body) {
  const engines = { yaml: { parse: (text) => yamlV1.parse(text), stringify: (meta) => decapToFile(meta) } };
  const file = matter.stringify(body, {}, { engines, language: 'yaml', delimiters: '---' });
  return body.slice(-1) !== '\n' && file.slice(-1) === '\n' ? file.slice(0, -1) : file;
}

const request = JSON.parse(readFileSync(0, 'utf8'));
const answer = {};
if (request.casebook) {
  answer.casebook = request.casebook.map((item) => {
    const format = item.caseLists ? casebookYaml(YAML, { caseLists: item.caseLists }) : casebook;
    const data = 'text' in item ? format.fromFile(item.text) : item.data;
    const text = format.toFile(data, item.sortedKeys ?? []);
    return item.caseLists ? { read: data, text } : text;
  });
}
if (request.decap) answer.decap = request.decap.map((data) => decapToFile(data));
if (request.stories) answer.stories = request.stories.map(decapStory);
process.stdout.write(JSON.stringify(answer));
