import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleExam } from '@dlexam/types/testing';
import { describe, expect, test } from 'vitest';
import { toQtiFiles } from '@dlexam/export-qti';
import { parseDtd, validateWithDtd } from './dtd.js';
import { forDtd, QTI_DTD_SOURCE } from './validate.js';

const tiny = parseDtd(`
<!ENTITY % I_Kind " kind (a | b) 'a'">
<!ELEMENT root (head? , (item | note)+)>
<!ELEMENT head (#PCDATA)>
<!ELEMENT item (#PCDATA | em)*>
<!ELEMENT em (#PCDATA)>
<!ELEMENT note EMPTY>
<!ATTLIST item id CDATA #REQUIRED %I_Kind; >
`);

describe('the test DTD checker', () => {
  test('accepts a valid document', () => {
    expect(
      validateWithDtd(
        '<root><head>h</head><item id="1">x<em>y</em></item><note/></root>',
        tiny,
        'root',
      ),
    ).toEqual([]);
  });
  test.each([
    ['undeclared element', '<root><item id="1"/><bogus/></root>'],
    ['content model order', '<root><item id="1"/><head>h</head></root>'],
    ['missing required child', '<root><head>h</head></root>'],
    ['text where none allowed', '<root>text<item id="1"/></root>'],
    ['EMPTY element with content', '<root><note>x</note></root>'],
    ['missing required attribute', '<root><item/></root>'],
    ['undeclared attribute', '<root><item id="1" x="2"/></root>'],
    ['value outside enumeration', '<root><item id="1" kind="c"/></root>'],
    ['wrong root', '<item id="1"/>'],
  ])('rejects %s', (_name, xml) => {
    expect(validateWithDtd(xml, tiny, 'root')).not.toEqual([]);
  });
});

// Native libxml2 has DTD validation; where it is installed, it must agree with the checker. CI
// installs it (`.ci/run`), so under CI=true a missing xmllint fails instead of skipping.
const XMLLINT = '/usr/bin/xmllint';
test.runIf(existsSync(XMLLINT) || process.env.CI === 'true')(
  'agrees with native xmllint --dtdvalid on exported documents',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'qti-dtd-'));
    const dtdPath = join(dir, 'qti.dtd');
    writeFileSync(dtdPath, QTI_DTD_SOURCE);
    const dtd = parseDtd(QTI_DTD_SOURCE);
    const docs = ['groups', 'plain'].flatMap((mode) =>
      toQtiFiles(sampleExam(), { mode: mode as 'groups' | 'plain' }).filter((f) =>
        f.content.includes('<questestinterop'),
      ),
    );
    const broken = forDtd(docs[0]!.content).replace('<resprocessing>', '<resprocessing><bogus/>');
    for (const [i, xml] of [...docs.map((d) => forDtd(d.content)), broken].entries()) {
      const path = join(dir, `doc${i}.xml`);
      writeFileSync(path, xml);
      let native = true;
      try {
        execFileSync(XMLLINT, ['--noout', '--dtdvalid', dtdPath, path], { stdio: 'pipe' });
      } catch {
        native = false;
      }
      expect(validateWithDtd(xml, dtd, 'questestinterop').length === 0).toBe(native);
    }
  },
);
