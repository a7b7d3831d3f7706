export { svgProblem, SVG_NS } from './svg.js';
