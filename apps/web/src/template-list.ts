/**
 * Every template (id, topic, title, difficulty, kinds), generated from the topic packages when the
 * site is built (`catalogue-plugin.ts`): the practice menus, the coach and the progress page name
 * templates without loading a topic chunk.
 */
export { default as CATALOGUE } from 'virtual:dlexam-catalogue';
