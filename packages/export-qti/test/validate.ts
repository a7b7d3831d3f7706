import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { parseDtd, validateWithDtd } from './dtd.js';

/** Schema validation of exported documents with libxml2 (xmllint compiled to wasm). */

const dir = fileURLToPath(new URL('./schemas/', import.meta.url));
const read = (name: string) => readFileSync(dir + name, 'utf8');
export const QTI_DTD_SOURCE = read('ims_qtiasiv1p2p1.dtd');
const QTI_DTD = parseDtd(QTI_DTD_SOURCE);
const XML_XSD = read('xml.xsd');
const CP_XSD = read('imscp_v1p1.xsd');
const CC_QTI_XSD = read('ccv1p1_qtiasiv1p2p1_v1p0.xsd');
const QUIZ_XSD = read('canvas-quiz-cccv1p0.xsd');

export const CC_CP_NS = 'http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1';
export const CP_NS = 'http://www.imsglobal.org/xsd/imscp_v1p1';

export interface Validation {
  valid: boolean;
  errors: string[];
}

/** Removes what the namespace-unaware DTD cannot know: root namespace attributes and Canvas's group extension. */
export function forDtd(xml: string): string {
  return xml
    .replace(/<questestinterop[^>]*>/, '<questestinterop>')
    .replace(/<selection_extension>[\s\S]*?<\/selection_extension>/g, '');
}

/**
 * Validates assessment documents against the IMS QTI 1.2.1 ASI DTD (with the test's own DTD
 * checker: the wasm libxml2 has no DTD validation, see dtd.ts).
 */
export function validateQtiDtd(docs: string[]): Validation {
  const errors = docs.flatMap((d, i) =>
    validateWithDtd(forDtd(d), QTI_DTD, 'questestinterop').map((e) => `assessment${i}: ${e}`),
  );
  return { valid: errors.length === 0, errors };
}

/** Validates assessment documents against the Common Cartridge 1.1 QTI profile XSD. */
export async function validateCcQtiXsd(docs: string[]): Promise<Validation> {
  const result = await validateXML({
    xml: docs.map((d, i) => ({ fileName: `assessment${i}.xml`, contents: d })),
    schema: [{ fileName: 'ccv1p1_qtiasiv1p2p1_v1p0.xsd', contents: CC_QTI_XSD }],
    preload: [{ fileName: 'xml.xsd', contents: XML_XSD }],
    maxMemoryPages: 16 * 1024,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/** Validates an imsmanifest.xml against the IMS CP 1.1 XSD (under the namespace that XSD declares). */
export async function validateManifest(xml: string): Promise<Validation> {
  if (!xml.includes(`xmlns="${CC_CP_NS}"`))
    return { valid: false, errors: ['manifest is not in the Canvas CP namespace'] };
  const result = await validateXML({
    xml: [
      {
        fileName: 'imsmanifest.xml',
        contents: xml.replace(`xmlns="${CC_CP_NS}"`, `xmlns="${CP_NS}"`),
      },
    ],
    schema: [{ fileName: 'imscp_v1p1.xsd', contents: CP_XSD }],
    preload: [{ fileName: 'xml.xsd', contents: XML_XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/** Validates assessment_meta.xml against the `quiz` element of Canvas's cccv1p0.xsd. */
export async function validateAssessmentMeta(xml: string): Promise<Validation> {
  const result = await validateXML({
    xml: [{ fileName: 'assessment_meta.xml', contents: xml }],
    schema: [{ fileName: 'canvas-quiz-cccv1p0.xsd', contents: QUIZ_XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
