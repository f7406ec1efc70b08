#!/usr/bin/env node
// Lighthouse with its default (mobile) settings on each page, one after the other in ONE headless
// Chromium, and one JSON summary of the category scores per page (tests/test_lighthouse.py reads it).
//
//   node lighthouse-run.mjs --out summary.json [--reports DIR] [--chrome PATH] [--flag=--no-sandbox ...] \
//       NAME=URL [NAME=URL ...]
//
// The summary maps each NAME to {url, scores: {performance, accessibility, best-practices, seo},
// failing: {category: [{id, title, score, displayValue}]}, error, warnings, seconds}: `failing` lists the
// weighted audits that did not get full marks, so a failed test can say what to fix; `seconds` is how
// long Lighthouse took on the page. With --reports, each page's full
// report is also written as DIR/NAME.html. Chromium is the system's (--chrome, else CHROME_PATH, else
// /usr/bin/chromium): nothing here downloads a browser. The settings are Lighthouse's defaults, without
// the full-page screenshot that only illustrates the HTML report (it takes a second per page).

import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter(ref => ref.weight > 0)
    .map(ref => lhr.audits[ref.id])
    .filter(audit => audit.score !== null && audit.score < 1)
    .map(({id, title, score, displayValue}) => ({id, title, score, displayValue: displayValue ?? ''}));
}

function summarise(url, lhr) {
  const scores = {};
  const failing = {};
  for (const category of CATEGORIES) {
    scores[category] = lhr.categories[category].score;
    failing[category] = failingAudits(lhr, category);
  }
  return {url, scores, failing, error: lhr.runtimeError ? lhr.runtimeError.message : null,
    warnings: lhr.runWarnings, seconds: Math.round(lhr.timing.total / 100) / 10};
}

async function main() {
  const {values, positionals} = parseArgs({
    allowPositionals: true,
    options: {
      out: {type: 'string'},
      reports: {type: 'string'},
      chrome: {type: 'string', default: process.env.CHROME_PATH || '/usr/bin/chromium'},
      flag: {type: 'string', multiple: true, default: []},
    },
  });
  if (!values.out || positionals.length === 0) {
    throw new Error('usage: lighthouse-run.mjs --out FILE [--reports DIR] [--chrome PATH] [--flag=F ...] NAME=URL ...');
  }
  const pages = positionals.map(arg => {
    const at = arg.indexOf('=');
    if (at < 1) throw new Error(`expected NAME=URL, got ${arg}`);
    return [arg.slice(0, at), arg.slice(at + 1)];
  });
  if (values.reports) await mkdir(values.reports, {recursive: true});

  const chrome = await chromeLauncher.launch({chromePath: values.chrome, chromeFlags: values.flag});
  const summary = {};
  try {
    for (const [name, url] of pages) {
      const output = values.reports ? ['json', 'html'] : 'json';
      const result = await lighthouse(url, {port: chrome.port, output, logLevel: 'error',
        onlyCategories: CATEGORIES, disableFullPageScreenshot: true});
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      summary[name] = summarise(url, result.lhr);
      if (values.reports) await writeFile(path.join(values.reports, `${name}.html`), result.report[1]);
    }
  } finally {
    await chrome.kill();
  }
  await writeFile(values.out, JSON.stringify(summary, null, 1));
}

await main();
