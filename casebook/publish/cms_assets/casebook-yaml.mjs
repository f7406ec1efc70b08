// The `casebook-yaml` format of the CMS (registered by casebook-cms.js): YAML that Casebook's strict loader
// (casebook/load/documents.py) reads with the meaning the editor saw.
//
// Decap's own YAML format writes with the yaml package's YAML 1.2 rules, so a text `no`, `yes`, `on`, `off`
// or `2018-10-05` is written plain; YAML 1.1, which Casebook reads, takes those for a yes/no or a date, and
// Casebook refuses the yes/no. Here the file is written under YAML 1.1's rules: every
// text that 1.1 would read as something else is quoted. Read under 1.1 too, without its dates: a date
// stays the text the author wrote (the content model reads its precision from it).
//
// The yaml package (v2) is passed in, so that Node's tests (tests/test_cms_yaml.py) run this same module.

const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const BOOL = 'tag:yaml.org,2002:bool';
const MERGE = 'tag:yaml.org,2002:merge';
// Reading as PyYAML does (Casebook reads with it) where the yaml package's YAML 1.1 differs: `y` and `n`
// are text, not yes/no, and `1e3` is text, not a number (PyYAML's floats have a dot, and a sign in the
// exponent).
const PYYAML_FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*[eE][-+][0-9]+$/;
const PYYAML_BOOL = { true: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, false: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/ };
// Plain values PyYAML gives a type of its own that Casebook refuses (`=` is a "value", `<<` a merge key):
// a tag that only matches them makes the writer quote them.
const PYYAML_SPECIAL = {
  tag: 'tag:yaml.org,2002:value', default: true, test: /^(?:=|<<)$/, resolve: (text) => text,
};

// As Decap's own yaml.ts: the fields in the order of the collection's fields (Decap names them all; one it
// does not name compares equal to every other, as in Decap).
function sortKeys(sortedKeys, key) {
  return (a, b) => {
    const idxA = sortedKeys.indexOf(key(a));
    const idxB = sortedKeys.indexOf(key(b));
    if (idxA === -1 || idxB === -1) return 0;
    if (idxA > idxB) return 1;
    if (idxA < idxB) return -1;
    return 0;
  };
}

// Decap names an entry of the cases collection by its path without the extension, `<slug>/case`
// (cases/<slug>/case.yml), and a relation to cases stores that name. The files name a case by its slug:
// the lists given as `caseLists` (paths of keys, `*` for every item of a list) hold `<slug>` in the file
// and `<slug>/case` in the CMS.
const CASE_ENTRY = '/case';

function mapCaseLists(data, caseLists, change) {
  const walk = (value, path) => {
    if (value == null) return value;
    if (path.length === 0) {
      return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? change(item) : item)) : value;
    }
    const [key, ...rest] = path;
    if (key === '*') return Array.isArray(value) ? value.map((item) => walk(item, rest)) : value;
    if (typeof value !== 'object' || Array.isArray(value) || !(key in value)) return value;
    return { ...value, [key]: walk(value[key], rest) };
  };
  return caseLists.reduce((result, path) => walk(result, path), data);
}

const toEntry = (slug) => (slug.endsWith(CASE_ENTRY) ? slug : `${slug}${CASE_ENTRY}`);
const toSlug = (name) => (name.endsWith(CASE_ENTRY) ? name.slice(0, -CASE_ENTRY.length) : name);

export function casebookYaml(YAML, { caseLists = [] } = {}) {
  const readOptions = {
    version: '1.1',
    customTags: (tags) => tags
      .filter((tag) => tag.tag !== TIMESTAMP)
      .map((tag) => (tag.tag === BOOL ? { ...tag, test: PYYAML_BOOL[tag.identify(true)] } : tag))
      .map((tag) => (tag.format === 'EXP' ? { ...tag, test: PYYAML_FLOAT_EXP } : tag)),
    prettyErrors: true,
  };
  // Without the merge key's own tag, which would write the text `<<` plain, as a merge key.
  const writeSchema = {
    version: '1.1', merge: false, customTags: (tags) => [...tags.filter((tag) => tag.tag !== MERGE), PYYAML_SPECIAL],
  };
  // No folding of long lines (lineWidth 0); text as it is (UTF-8, no \u escapes).
  const writeOptions = { lineWidth: 0, minContentWidth: 0 };

  return {
    fromFile(content) {
      const doc = YAML.parseDocument(content, readOptions);
      if (doc.errors.length > 0) {
        throw new Error(`YAML parsing error:\n${doc.errors.map((e) => e.message).join('\n')}`);
      }
      return mapCaseLists(doc.toJS() ?? {}, caseLists, toEntry);
    },

    toFile(data, sortedKeys = []) {
      const doc = new YAML.Document(mapCaseLists(data, caseLists, toSlug), writeSchema);
      if (YAML.isMap(doc.contents)) {
        doc.contents.items.sort(sortKeys(sortedKeys, (item) => String(item.key?.value ?? item.key)));
      }
      // The version stays out of the file (no %YAML line): Casebook reads every file as YAML 1.1.
      doc.directives.yaml.explicit = false;
      return doc.toString(writeOptions);
    },
  };
}
