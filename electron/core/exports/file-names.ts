import type { SchoolSettings } from '../../../shared/domain/settings.ts';

/** Characters Windows, macOS or Linux refuse in a file name, and control characters. */
const forbidden = /[\\/:*?"<>|\p{Cc}]/gu;

function safePart(text: string): string {
  return text.replace(forbidden, ' ').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
}

/** The local calendar date, AAAA-MM-JJ: sorts well in a folder. */
export function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** « Publipostage - École Jules Ferry - 2026-09-01.xlsx » */
export function exportFileName(label: string, school: SchoolSettings, date: Date | null, extension: string): string {
  const parts = [label, school.schoolName, date ? localDate(date) : ''].map(safePart).filter(Boolean);
  return `${parts.join(' - ').slice(0, 150)}.${extension}`;
}
