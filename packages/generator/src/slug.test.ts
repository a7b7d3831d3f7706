import { describe, expect, it } from 'vitest';
import { slugify } from '@dlexam/generator';

describe('slugify', () => {
  it('keeps Latin titles as before: lowercase ASCII words, accents dropped', () => {
    expect(slugify('Deep Learning Midterm')).toBe('deep-learning-midterm');
    expect(slugify('Prüfung: Réseaux de neurones (2026)')).toBe('prufung-reseaux-de-neurones-2026');
    expect(slugify('  --  ')).toBe('exam');
  });

  it('keeps letters of every script, so non-Latin exams do not share the name exam', () => {
    expect(slugify('深度学习期中考试')).toBe('深度学习期中考试');
    expect(slugify('Βαθιά Μάθηση')).toBe('βαθια-μαθηση');
    expect(slugify('Глубокое обучение')).toBe('глубокое-обучение');
    expect(slugify('딥러닝 중간고사')).toBe('딥러닝-중간고사');
    expect(slugify('深度学习 A')).not.toBe(slugify('深度学习 B'));
  });

  it('cuts at 60 characters, never inside a character', () => {
    expect(Array.from(slugify('𝔘'.repeat(100))).length).toBeLessThanOrEqual(60);
    expect(slugify('学'.repeat(100))).toBe('学'.repeat(60));
  });

  it('guards the names Windows reserves for devices', () => {
    for (const name of ['con', 'CON', 'nul', 'aux', 'prn', 'com1', 'COM9', 'lpt1', 'lpt9'])
      expect(slugify(name)).toBe(`${name.toLowerCase()}-exam`);
    expect(slugify('console')).toBe('console');
    expect(slugify('con 2')).toBe('con-2');
  });
});
