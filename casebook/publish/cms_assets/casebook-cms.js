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

// A case as its Danish page shows it: kind, title, summary, partners, figures; then the English title and
// summary, which the English page shows.
const CasePreview = createClass({
  render() {
    const { entry } = this.props;
    const partners = list(entry, 'partners');
    const outcomes = list(entry, 'outcomes');
    return h('div', { className: 'md-typeset cb-case' },
      h('header', { className: 'cb-case__head' },
        h('p', { className: 'cb-kicker' }, text(entry, 'kind')),
        h('h1', {}, text(entry, 'title', 'da')),
        h('p', { className: 'cb-summary' }, text(entry, 'summary', 'da')),
        h('p', { className: 'cb-meta' },
          [text(entry, 'date'), partners.map((p) => p.org).filter(Boolean).join(', ')]
            .filter(Boolean).join(' · '))),
      outcomes.length ? h('ul', { className: 'cb-figures' }, outcomes.map((o, i) => h('li', { className: 'cb-figure', key: i },
        h('span', { className: 'cb-figure__value' }, o.value == null ? '' : String(o.value)), ' ',
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
