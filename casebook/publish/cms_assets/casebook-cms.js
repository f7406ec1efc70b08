// The site's own additions to Decap CMS at /admin/ (casebook/publish/cms.py copies this file there):
// the casebook-yaml format (casebook-yaml.js, written with the yaml package's browser build in yaml/),
// the site's stylesheets in the preview, and previews of a case and a story roughly as the site shows
// them. Then Decap starts (casebook-cms-init.js asked it to wait).
import YAML from './yaml/index.js';
import { casebookYaml } from './casebook-yaml.js';

const CMS = window.CMS;
const h = window.h;
const createClass = window.createClass;

CMS.registerCustomFormat('casebook-yaml', 'yml', casebookYaml(YAML));
// A case's related cases, and an idea's example cases, are relations to the cases collection.
CMS.registerCustomFormat('casebook-case-yaml', 'yml', casebookYaml(YAML, { caseLists: [['related']] }));
CMS.registerCustomFormat('casebook-catalogue-yaml', 'yml',
  casebookYaml(YAML, { caseLists: [['ideas', '*', 'examples']] }));

// The built site's stylesheets, named by index.html (data-preview-styles, relative to /admin/).
const page = document.querySelector('script[data-preview-styles]');
for (const href of (page?.dataset.previewStyles ?? '').split(' ').filter(Boolean)) {
  CMS.registerPreviewStyle(new URL(href, document.baseURI).href);
}

function text(entry, ...path) {
  const value = entry.getIn(['data', ...path]);
  return value == null ? '' : String(value);
}

function list(entry, name) {
  const value = entry.getIn(['data', name]);
  return value && value.toJS ? value.toJS() : [];
}

// The Danish label of a choice, as the form shows it ("Program (programme)" without its value).
function choiceLabel(collection, name, value) {
  const field = collection.get('fields').find((f) => f.get('name') === name);
  const option = field && field.get('options') && field.get('options').find((o) => o.get && o.get('value') === value);
  return option ? option.get('label').replace(/ \([^)]*\)$/, '') : value;
}

// A relation's chosen entry as Decap hands it to the preview (fieldsMetaData), else the stored id.
function orgName(metadata, id) {
  const file = metadata && metadata.getIn(['partners', 'organisations', id]);
  const found = file && file.get && (file.get('organisations') || []).find?.((o) => o.get('id') === id);
  return (found && found.get('name')) || id;
}

// A figure in Danish, as the site writes it with Babel: a currency code (DKK) as money, a CLDR unit
// (duration-month) by its name; the browser's Intl knows both.
function formatted(value, unit) {
  if (value == null || value === '') return '';
  const number = Number(value);
  if (Number.isNaN(number)) return String(value);
  try {
    if (unit && /^[A-Z]{3}$/.test(unit)) {
      return new Intl.NumberFormat('da', { style: 'currency', currency: unit, maximumFractionDigits: 2 }).format(number);
    }
    if (unit) {
      return new Intl.NumberFormat('da', { style: 'unit', unit: unit.replace(/^[a-z]+-/, ''), unitDisplay: 'long' })
        .format(number);
    }
  } catch (error) {
    return `${number} ${unit}`; // a unit the browser does not know: as written
  }
  return new Intl.NumberFormat('da').format(number);
}

// The case's page on the site, beside /admin/: published pages are there once the change is published.
function caseAddress(entry) {
  const slug = String(entry.get('slug') || '').replace(/\/case$/, '');
  return slug ? new URL(`../cases/${slug}/`, document.baseURI).href : '';
}

// A case as its Danish page shows it: kind, title, summary, date and partners, figures with their units;
// then the English title and summary, which the English page shows; and a link to the published page.
const CasePreview = createClass({
  render() {
    const { entry, collection, fieldsMetaData } = this.props;
    const partners = list(entry, 'partners');
    const outcomes = list(entry, 'outcomes');
    const address = caseAddress(entry);
    const figure = (o) => [formatted(o.value, o.unit), o.of != null ? `af ${formatted(o.of)}` : '']
      .filter(Boolean).join(' ');
    return h('div', { className: 'md-typeset cb-case' },
      address ? h('p', { className: 'cb-meta' }, h('a', { href: address, target: '_blank', rel: 'noopener' },
        'Den udgivne side (når ændringen er udgivet)')) : null,
      h('header', { className: 'cb-case__head' },
        h('p', { className: 'cb-kicker' }, choiceLabel(collection, 'kind', text(entry, 'kind'))),
        h('h1', {}, text(entry, 'title', 'da')),
        h('p', { className: 'cb-summary' }, text(entry, 'summary', 'da')),
        h('p', { className: 'cb-meta' },
          [text(entry, 'date'), partners.map((p) => p.org && orgName(fieldsMetaData, p.org)).filter(Boolean).join(', ')]
            .filter(Boolean).join(' · '))),
      outcomes.length ? h('ul', { className: 'cb-figures' }, outcomes.map((o, i) => h('li', { className: 'cb-figure', key: i },
        h('span', { className: 'cb-figure__value' }, figure(o)), ' ',
        h('span', { className: 'cb-figure__label' }, (o.label && o.label.da) || '')))) : null,
      h('hr', {}),
      h('p', { lang: 'en' }, h('strong', {}, text(entry, 'title', 'en'))),
      h('p', { lang: 'en', className: 'cb-summary' }, text(entry, 'summary', 'en')));
  },
});

// A story (or an introduction, a page): its text as the page's body shows it.
const BodyPreview = createClass({
  render() {
    return h('div', { className: 'md-typeset cb-story' }, this.props.widgetFor('body'));
  },
});

CMS.registerPreviewTemplate('cases', CasePreview);
for (const name of ['stories', 'catalogue_intros', 'pages']) {
  CMS.registerPreviewTemplate(name, BodyPreview);
}

CMS.init();
