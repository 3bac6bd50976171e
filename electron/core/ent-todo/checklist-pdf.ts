import { colors } from '../publipostage/pdf/canvas.ts';
import { PageFlow } from '../publipostage/pdf/flow.ts';
import { a4, type TextStyle } from '../publipostage/pdf/kit.ts';
import { PdfWriter } from '../publipostage/pdf/writer.ts';
import type { SheetFrame } from '../publipostage/sheet-model.ts';
import { consoleSteps, entTodoKinds, entTodoLabels, recordedLocally, type EntTodo, type EntTodoPerson } from '../../../shared/domain/ent-todo.ts';
import { profileLabels } from '../../../shared/domain/profile.ts';

const style = (role: TextStyle['role'], size: number, leading = size * 1.35): TextStyle => ({ role, size, leading });
const page = { width: a4.width, height: a4.height, margin: { top: 48, bottom: 52, side: 48 } };
const frenchDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const personLine = (person: EntTodoPerson) => `${person.lastName} ${person.firstName} · ${profileLabels[person.profile]} · identifiant ${person.login}`;

/** What each line names: the account, or for a merge the duplicate and the account kept. */
function itemLines(item: EntTodo): string[] {
  if (item.merged) return [`Doublon : ${personLine(item.merged)}`, `À fusionner dans : ${personLine(item.account)}`];
  return [personLine(item.account)];
}

/**
 * « À faire dans l'ENT » on paper: the open items grouped by action, each group with the
 * console's steps (seeds 002 and 004), each item with a box to tick at the console, when and by
 * whom it was recorded in Sésame.
 */
export async function renderEntTodoChecklist(items: readonly EntTodo[], frame: SheetFrame, createdAt: Date): Promise<{ bytes: Uint8Array; pages: number }> {
  const writer = await PdfWriter.create();
  const type = writer.type;
  const flow = new PageFlow(writer, page, (canvas, index) => {
    const top = page.height - page.margin.top;
    const title = index === 0 ? 'À faire dans l’ENT' : 'À faire dans l’ENT (suite)';
    canvas.fillColor(colors.ink).text(type.shape(title, 'sansBold'), 17, page.margin.side, top - 17);
    canvas.fillColor(colors.muted).text(type.shape(`${frame.schoolName} · ENT ${frame.entName} · ${frame.placeDate}`, 'sans'), 9.5, page.margin.side, top - 34);
    canvas.fillColor(colors.faint).text(type.shape(`page ${index + 1}`, 'sans'), 8, page.width - page.margin.side, page.margin.bottom - 24, 'right');
    canvas.strokeColor(colors.rule).line(page.margin.side, top - 44, page.width - page.margin.side, top - 44, 0.6);
    return top - 58;
  });
  flow.paragraph(
    `${recordedLocally}. Faites chaque action dans la console d’administration de l’ENT, cochez sa case, puis « Fait dans l’ENT » dans Sésame (À faire dans l’ENT). ` +
      'Un invité à créer se ferme tout seul quand l’export des comptes de l’ENT qui l’apporte est importé.',
    style('sans', 10),
    colors.muted,
  );
  flow.space(14);

  for (const kind of entTodoKinds) {
    const group = items.filter((item) => item.kind === kind);
    if (group.length === 0) continue;
    flow.ensure(90);
    flow.paragraph(`${entTodoLabels[kind]} (${group.length})`, style('sansBold', 13));
    flow.space(4);
    consoleSteps(kind).forEach((step, index) => flow.paragraph(`${index + 1}. ${step}`, style('sans', 9.5), colors.accent, 10));
    flow.space(8);
    for (const item of group) {
      // A long name or login goes on to a second line rather than end in « … »: it is typed in the console.
      const lines = itemLines(item).flatMap((line, index, all) => {
        const fitted = type.fit(line, index === all.length - 1 ? 'sansBold' : 'sans', { maxWidth: flow.width - 24, maxLines: 1, size: 10.5, minSize: 8, whole: true });
        return fitted.lines.map((shaped) => ({ shaped, size: fitted.size }));
      });
      const height = lines.length * 14 + 16;
      flow.ensure(height);
      const { canvas } = flow;
      canvas.strokeColor(colors.ink).raw('0.9 w').rect(flow.left + 2, flow.y - 12, 10, 10, 'S');
      lines.forEach((line, index) => canvas.fillColor(colors.ink).text(line.shaped, line.size, flow.left + 22, flow.y - 10.5 - index * 14));
      const recorded = `Enregistré dans Sésame le ${frenchDay(item.createdAt)} par ${item.createdBy}`;
      canvas.fillColor(colors.muted).text(type.shape(recorded, 'sans'), 8.5, flow.left + 22, flow.y - 10.5 - lines.length * 14 + 1);
      canvas.strokeColor(colors.rule).line(flow.left, flow.y - height + 2, flow.left + flow.width, flow.y - height + 2, 0.4);
      flow.space(height + 4);
    }
    flow.space(14);
  }
  const pages = flow.end();
  const bytes = await writer.finish({ title: `À faire dans l’ENT — ${frame.schoolName}`, author: frame.schoolName, subject: 'Actions à faire dans la console de l’ENT', createdAt });
  return { bytes, pages };
}
